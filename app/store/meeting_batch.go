package store

import (
	"fmt"

	"gorm.io/gorm"
)

// meetingBatch is how many meetings one multi-row INSERT writes.
const meetingBatch = 200

// insertMeetings inserts new meeting rows with multi-row inserts and sets
// their ids, read back by their unique UIDs: ids allocated to one statement
// need not be consecutive on every engine (TiDB).
func insertMeetings(tx *gorm.DB, rows []meetingRow) error {
	for start := 0; start < len(rows); start += meetingBatch {
		part := rows[start:min(start+meetingBatch, len(rows))]
		if err := tx.Omit("ID").Create(&part).Error; err != nil {
			return translate(err)
		}
		uids := make([]string, len(part))
		for i := range part {
			uids[i] = part[i].UID
		}
		var ids []struct {
			ID  int64
			UID string `gorm:"column:uid"`
		}
		if err := tx.Model(&meetingRow{}).Select("id, uid").Where("uid IN ?", uids).Find(&ids).Error; err != nil {
			return translate(err)
		}
		byUID := make(map[string]int64, len(ids))
		for _, r := range ids {
			byUID[r.UID] = r.ID
		}
		for i := range part {
			if part[i].ID = byUID[part[i].UID]; part[i].ID == 0 {
				return fmt.Errorf("store: meeting %s was not inserted", part[i].UID)
			}
		}
	}
	return nil
}

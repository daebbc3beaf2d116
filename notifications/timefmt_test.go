package notifications

import (
	"testing"
	"time"
)

func TestFormatTimes(t *testing.T) {
	at := func(zone string, y int, mo time.Month, d, h, mi int) time.Time {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		return time.Date(y, mo, d, h, mi, 0, 0, loc)
	}
	cases := []struct {
		name             string
		start, end       time.Time
		event, recipient string
		want             Times
	}{
		{"Beijing", at("Asia/Shanghai", 2025, 5, 20, 14, 0), at("Asia/Shanghai", 2025, 5, 20, 14, 30), "Asia/Shanghai", "",
			Times{ZH: "2025-05-20（周二）14:00–14:30（北京时间 UTC+8）", EN: "Tue 20 May 2025, 14:00–14:30 Beijing time (UTC+8)"}},
		{"StoredInUTC", at("UTC", 2025, 5, 20, 6, 0), at("UTC", 2025, 5, 20, 6, 30), "Asia/Shanghai", "Asia/Shanghai",
			Times{ZH: "2025-05-20（周二）14:00–14:30（北京时间 UTC+8）", EN: "Tue 20 May 2025, 14:00–14:30 Beijing time (UTC+8)"}},
		{"SameOffsetNotRepeated", at("Asia/Shanghai", 2025, 5, 20, 14, 0), at("Asia/Shanghai", 2025, 5, 20, 14, 30), "Asia/Shanghai", "Asia/Hong_Kong",
			Times{ZH: "2025-05-20（周二）14:00–14:30（北京时间 UTC+8）", EN: "Tue 20 May 2025, 14:00–14:30 Beijing time (UTC+8)"}},
		{"RecipientInNewYork", at("Asia/Shanghai", 2025, 5, 20, 9, 0), at("Asia/Shanghai", 2025, 5, 20, 9, 45), "Asia/Shanghai", "America/New_York",
			Times{ZH: "2025-05-20（周二）09:00–09:45（北京时间 UTC+8）", EN: "Tue 20 May 2025, 09:00–09:45 Beijing time (UTC+8)",
				RecipientZH: "2025-05-19（周一）21:00–21:45（纽约时间 UTC-4）", RecipientEN: "Mon 19 May 2025, 21:00–21:45 New York time (UTC-4)"}},
		{"HalfHourAcrossMidnight", at("Asia/Kolkata", 2025, 1, 1, 23, 30), at("Asia/Kolkata", 2025, 1, 2, 0, 15), "Asia/Kolkata", "",
			Times{ZH: "2025-01-01（周三）23:30 – 2025-01-02（周四）00:15（Asia/Kolkata 时间 UTC+5:30）",
				EN: "Wed 1 Jan 2025, 23:30 – Thu 2 Jan 2025, 00:15 Kolkata time (UTC+5:30)"}},
		{"NoZoneIsUTC", at("UTC", 2025, 5, 20, 6, 0), time.Time{}, "", "",
			Times{ZH: "2025-05-20（周二）06:00（协调世界时 UTC+0）", EN: "Tue 20 May 2025, 06:00 UTC (UTC+0)"}},
		{"Zero", time.Time{}, time.Time{}, "Asia/Shanghai", "", Times{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := formatTimes(c.start, c.end, c.event, c.recipient, nil); got != c.want {
				t.Fatalf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

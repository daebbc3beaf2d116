package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"testing"

	"github.com/xuri/excelize/v2"

	"roadshow/app"
)

const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type importReportJSON struct {
	Error   struct{ Code, Message string } `json:"error"`
	Rows    int                            `json:"rows"`
	Created int                            `json:"created"`
	Updated int                            `json:"updated"`
	Written bool                           `json:"written"`
	Errors  []struct {
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Header  string `json:"header"`
		Message string `json:"message"`
	} `json:"errors"`
}

func (r importReportJSON) problems() string {
	var out []byte
	for _, e := range r.Errors {
		out = fmt.Appendf(out, "%d:%s ", e.Row, e.Column)
	}
	return string(bytes.TrimSpace(out))
}

func (h *harness) upload(status int, query, token string, data []byte, contentType string) importReportJSON {
	h.t.Helper()
	r := h.do("POST", "/api/v1/imports/enterprises"+query, token, data, "Content-Type", contentType)
	if r.Status != status {
		h.t.Fatalf("import%s: %d, want %d: %s", query, r.Status, status, r.Body)
	}
	var rep importReportJSON
	r.Decode(h.t, &rep)
	return rep
}

func TestImportAPI(t *testing.T) {
	header := []any{"企业名称", "统一社会信用代码", "所属高新区", "行业", "发展阶段", "融资需求（万元）", "融资方式", "联系人", "邮箱", "电话"}
	row := func(n uint64, zone string) []any {
		return []any{fmt.Sprintf("示例%d有限公司", n), app.ExampleCreditCode(n), zone, "新材料", "成长期", 800, "贷款", "王敏",
			fmt.Sprintf("w%d@example.cn", n), "13800138000"}
	}
	badCode := row(3, "苏州高新区")
	badCode[1] = "91320500000000001X"
	file := workbook(t, [][]any{header, row(1, "苏州高新区"), row(2, "西安高新区"), badCode})
	each(t, func(t *testing.T, h *harness) {
		rep := h.upload(422, "", h.org, file, mimeXLSX)
		if rep.Error.Code != "validation_failed" || rep.Rows != 3 || rep.problems() != "3:zone 4:credit_code" || rep.Written {
			t.Fatalf("report %+v", rep)
		}
		if rep.Errors[1].Header != "统一社会信用代码" || rep.Errors[1].Message != "check digit does not match" {
			t.Fatalf("credit code problem %+v", rep.Errors[1])
		}
		if n := h.enterpriseCount(); n != 0 {
			t.Fatalf("%d enterprises written by a rejected import", n)
		}
		dry := h.upload(200, "?dry_run=true&keep_valid=true", h.org, file, mimeXLSX)
		if dry.Created != 1 || dry.Written || h.enterpriseCount() != 0 {
			t.Fatalf("dry run %+v", dry)
		}
		kept := h.upload(200, "?keep_valid=true", h.org, file, mimeXLSX)
		if kept.Created != 1 || !kept.Written || kept.problems() != "3:zone 4:credit_code" || h.enterpriseCount() != 1 {
			t.Fatalf("keep valid %+v", kept)
		}
		// The same rows as a multipart upload, by an admin: one update, two
		// creations.
		good := workbook(t, [][]any{header, row(1, "苏州高新区"), row(2, "西安高新区"), row(3, "32103004")})
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "企业.xlsx")
		fw.Write(good)
		mw.Close()
		multi := h.upload(200, "", h.admin, body.Bytes(), mw.FormDataContentType())
		if multi.Created != 2 || multi.Updated != 1 || h.enterpriseCount() != 3 {
			t.Fatalf("multipart %+v", multi)
		}
		notSheet := h.upload(422, "", h.admin, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), "image/png")
		if notSheet.problems() != "0:" {
			t.Fatalf("not a spreadsheet %+v", notSheet)
		}
		csv := "name,credit_code,zone,sector,stage,contact_name,contact_email\n丁公司," + app.ExampleCreditCode(9) + ",苏州高新区,biotech,seed,丁,d@example.cn\n"
		if rep := h.upload(200, "", h.org, []byte(csv), "text/csv"); rep.Created != 1 {
			t.Fatalf("csv %+v", rep)
		}
		_, tokEnt := h.registerEnterprise(20)
		for _, tc := range []struct {
			path, token string
			status      int
		}{
			{"/api/v1/imports/enterprises", "", 401},
			{"/api/v1/imports/enterprises", tokEnt, 403},
			{"/api/v1/imports/investors", h.org, 403},
			{"/api/v1/imports/meetings", h.admin, 404},
			{"/api/v1/imports/enterprises?dry_run=maybe", h.admin, 422},
		} {
			if r := h.do("POST", tc.path, tc.token, []byte(csv), "Content-Type", "text/csv"); r.Status != tc.status {
				t.Errorf("POST %s as %q: %d, want %d: %s", tc.path, tc.token, r.Status, tc.status, r.Body)
			}
		}
	})
}

func (h *harness) enterpriseCount() int {
	h.t.Helper()
	var list struct{ Items []any }
	h.must(200, "GET", "/api/v1/enterprises?limit=500", h.admin, nil).Decode(h.t, &list)
	return len(list.Items)
}

func TestDealsXLSX(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		inv, _ := h.registerInvestor("交通银行")
		h.deal(h.zoneEnterprise(1, h.zone.ID), inv, 10_000_000, "2025-05-08", app.DealDisbursed)
		h.deal(h.zoneEnterprise(2, h.zone.ID), inv, 5_000_000, "2025-05-09", app.DealIntent)
		h.deal(h.zoneEnterprise(3, h.other.ID), inv, 2_000_000, "2025-05-10", app.DealApproved)
		for _, tc := range []struct {
			token, query string
			rows         int // deals
			firstZone    string
		}{
			{h.admin, "", 3, h.zone.NameZH},
			{h.org, "", 2, h.zone.NameZH},
			{h.orgX, "", 1, h.other.NameZH},
			{h.admin, "?status=approved", 1, h.other.NameZH},
			{h.admin, "?province=" + "%E9%99%95%E8%A5%BF%E7%9C%81", 1, h.other.NameZH}, // 陕西省
		} {
			r := h.must(200, "GET", "/api/v1/deals.xlsx"+tc.query, tc.token, nil)
			f, err := excelize.OpenReader(bytes.NewReader(r.Body))
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows("融资落地", excelize.Options{RawCellValue: true})
			f.Close()
			if len(rows) != tc.rows+3 || rows[1][3] != tc.firstZone {
				t.Errorf("deals.xlsx%s: %d rows, first zone %q: %v", tc.query, len(rows), rows[1][3], rows)
			}
		}
		r := h.must(200, "GET", "/api/v1/deals.xlsx", h.admin, nil)
		f, _ := excelize.OpenReader(bytes.NewReader(r.Body))
		defer f.Close()
		want := map[string]string{"B2": "45785", "E2": "苏州测试科技有限公司", "G2": "交通银行", "I2": "贷款", "J2": "1000", "K2": "已放款",
			"K3": "意向", "J5": "1200", "J6": "500"}
		for cell, v := range want {
			got, _ := f.GetCellValue("融资落地", cell, excelize.Options{RawCellValue: true})
			if got != v && !(cell == "E2" && bytes.HasPrefix([]byte(got), []byte(v))) {
				t.Errorf("%s = %q, want %q", cell, got, v)
			}
		}
		if r := h.do("GET", "/api/v1/deals.xlsx", "", nil); r.Status != 401 {
			t.Errorf("anonymous deals.xlsx: %d", r.Status)
		}
	})
}

package web

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Languages of the console: Chinese (the default) and English.
const (
	langZH = "zh"
	langEN = "en"
)

const langCookie = "rs_lang"

// langOf picks the page language: ?lang= first (remembered in a cookie),
// then the cookie, then Chinese.
func (w *Console) langOf(c *fiber.Ctx) string {
	if q := c.Query("lang"); q == langZH || q == langEN {
		c.Cookie(&fiber.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			HTTPOnly: true, Secure: w.secure, SameSite: fiber.CookieSameSiteLaxMode})
		return q
	}
	if v := c.Cookies(langCookie); v == langEN {
		return langEN
	}
	return langZH
}

// translator writes the catalogue's messages in one language.
type translator struct{ lang string }

// T returns the message of key, formatted with args; an unknown key is
// returned as is (a test checks that templates use known keys only).
func (tr translator) T(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if tr.lang == langEN {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key is in the catalogue.
func (tr translator) Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// fieldMessages translates the services' validation messages, which are in
// English, to Chinese: exact messages first, then message prefixes.
var fieldMessages = map[string]string{
	"is required":                           "必填",
	"check digit does not match":            "校验位不正确，请核对统一社会信用代码",
	"must be 18 characters":                 "应为 18 位",
	"is not an e-mail address":              "不是有效的电子邮箱地址",
	"is not a valid e-mail address":         "不是有效的电子邮箱地址",
	"must be after starts_at":               "结束时间须晚于开始时间",
	"must be after from":                    "结束时间须晚于开始时间",
	"must not be before the event starts":   "不得早于活动开始",
	"must not be after the event ends":      "不得晚于活动结束",
	"must be ≥ 0":                           "不得为负数",
	"must be ≥ ticket_min_cny":              "不得小于最低金额",
	"must be ≥ amount_min_cny":              "不得小于最低金额",
	"at least one contact is required":      "至少需要一位联系人",
	"does not exist":                        "不存在",
	"must lie within the event":             "须在活动时间之内",
	"an event lasts at most 31 days":        "活动最长 31 天",
	"must not be after ends_at":             "不得晚于活动结束时间",
	"zone_id or branch_id is required":      "须选择高新区或银行分行",
	"must be a date YYYY-MM-DD":             "日期格式应为 YYYY-MM-DD",
	"must be > 0":                           "须大于 0",
	"must be an http or https URL":          "须为 http 或 https 链接",
	"page not found":                        "页面不存在",
	"you do not manage this event":          "您不是该活动的组织方",
	"your session has ended; sign in again": "登录已过期，请重新登录",
	"this form has expired or did not come from this site; reload the page and try again": "表单已过期或并非来自本站，请刷新页面后重试",

	// amounts and event branches
	"must be at most 1000000000000 yuan":                  "不得超过 1 万亿元",
	"is not the bank branch that covers the event's zone": "不是服务该高新区的银行分行",
}

var fieldPrefixes = []struct{ en, zh string }{
	{"character ", "含有不允许的字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）："},
	{"characters 3–8", "第 3–8 位须为行政区划代码数字"},
	{"must be between", "超出允许范围："},
	{"must be at most", "过长："},
	{"is not a subsector of", "细分领域与行业不符："},
	{"unknown", "不在可选范围内："},
	{"an enterprise with this credit code", "该统一社会信用代码已注册"},
	{"an investor with this name", "该机构名称已注册"},
	{"this investor already has a product", "该机构已有同名产品"},
	{"is not a valid phone", "不是有效的电话号码"},
	{"must be one of", "请从选项中选择："},
	{"duplicate value", "有重复："},
	{"is not", "格式不正确："},
	{"must be", "格式不正确："},
}

// fieldText translates a service's field message.
func (tr translator) fieldText(msg string) string {
	if tr.lang == langEN || msg == "" {
		return msg
	}
	if zh, ok := fieldMessages[msg]; ok {
		return zh
	}
	for _, p := range fieldPrefixes {
		if strings.HasPrefix(msg, p.en) {
			if strings.HasSuffix(p.zh, "：") {
				return p.zh + msg
			}
			return p.zh
		}
	}
	return msg
}

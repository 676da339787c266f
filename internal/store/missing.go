package store

import "github.com/jiuye/jiuye/internal/apperr"

// Missing is the NotFound error for an id of objType (the audit object
// types: "person", "job_post" …) with no row. The store answers it for a
// missing id, and the use cases answer the very same for an object the
// caller may not see, so the two cannot be told apart by probing ids.
func Missing(objType string) error {
	msg := "对象不存在"
	switch objType {
	case "person", "resume": // a resume is reached by its person's id
		msg = "人员不存在"
	case "enterprise":
		msg = "企业不存在"
	case "gig":
		msg = "零工不存在或已下线"
	case "gig_employer":
		msg = "个人用工申请不存在"
	case "gig_signup":
		msg = "报名记录不存在"
	case "gig_shift":
		msg = "班次不存在"
	case "job_post":
		msg = "岗位不存在或已下线"
	case "job_application", "policy_application":
		msg = "申请不存在"
	case "job_import":
		msg = "导入记录不存在或已过期（保留 30 天）"
	case "saved_search":
		msg = "保存的搜索不存在"
	case "school_visit":
		msg = "预约不存在"
	case "skill_sitting":
		msg = "评价场次不存在"
	case "skill_certificate":
		msg = "证书不存在"
	case "upload":
		msg = "文件不存在"
	}
	return apperr.New(apperr.NotFound, msg)
}

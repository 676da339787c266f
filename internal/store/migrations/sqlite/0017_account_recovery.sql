-- Account recovery and consent (issue 12, item 3).
--
-- sms_codes: one row per verification code sent (找回密码, 注册验证手机号),
-- under the phone's blind index (as users.phone_idx), never the phone in
-- clear, and the code only as a keyed MAC (HMAC-SM3 with a key derived
-- from the master key), so neither the database nor a backup can rebuild a
-- phone or a code. The same rows count the sends per phone and per IP for
-- the rate limits; rows older than a day are deleted on the way.
--
-- terms_versions: the 用户协议 and 隐私政策 as the bureau publishes them,
-- one row per version (admins publish at /admin/terms); users record the
-- version they accepted at sign-up and when.
--
-- users.must_change_password: set by a staff reset on the person's
-- behalf; the next login leads to /me/password until a new one is chosen.
CREATE TABLE sms_codes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    phone_idx   TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    code_hash    TEXT NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     TIMESTAMP,
    expires_at  TIMESTAMP NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX sms_codes_phone ON sms_codes(phone_idx, created_at);
CREATE INDEX sms_codes_ip ON sms_codes(ip, created_at);
CREATE INDEX sms_codes_created ON sms_codes(created_at);

CREATE TABLE terms_versions (
    version         INTEGER PRIMARY KEY,
    user_agreement  TEXT NOT NULL,
    privacy_policy  TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    created_by      INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL
);
INSERT INTO terms_versions (version, user_agreement, privacy_policy, note, created_by, created_at)
VALUES (1, '欢迎使用本平台。本平台由区人力资源和社会保障局主办，免费为求职者、用人单位提供就业信息、政策申请和就业服务。

一、账号。您应使用本人手机号和真实身份信息注册，妥善保管密码，不得转借他人。忘记密码可通过短信验证码找回，或携带身份证件到服务窗口由工作人员代为重置。
二、信息真实。您提交的档案、简历、岗位和申请材料应真实、合法；虚假信息可能导致申请不予受理、岗位下架或账号停用。
三、使用规范。不得发布违法、歧视性或虚假招聘信息，不得以任何方式收取求职者费用，不得批量抓取或滥用他人信息。
四、服务变更。平台可能因政策调整更新服务内容和本协议，更新后将在页面公布新版本；继续使用即视为同意新版本。
五、联系我们。如有疑问，请到区公共就业服务窗口咨询。',
'本平台重视您的个人信息保护，依据《中华人民共和国个人信息保护法》处理您的信息。

一、收集的信息。注册时收集姓名、居民身份证号和手机号；您自愿填写的档案、简历和政策申请材料。手机号用于登录、找回密码和接收验证码。
二、使用目的。用于身份核验、就业服务、政策测算与申请审核、岗位推荐和统计分析；不用于与就业服务无关的用途。
三、保存与保护。身份证号和手机号加密保存，列表中仅显示脱敏信息；工作人员查看完整信息均记入审计日志。
四、共享。您主动投递简历时，用人单位可看到您的联系方式；除法律法规规定外，不向其他第三方提供您的个人信息。
五、您的权利。您可以查看、更正本人信息，可以申请注销账号；如需帮助，请到区公共就业服务窗口办理。',
'初始版本（请管理员按本局实际情况修改后发布新版本）', 0, '2026-01-01 00:00:00');

ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN consent_version INTEGER;
ALTER TABLE users ADD COLUMN consent_at TIMESTAMP;

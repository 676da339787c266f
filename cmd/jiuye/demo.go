package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jiuye/jiuye/internal/demo"
	"github.com/jiuye/jiuye/internal/startup"
)

func cmdDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := flags("demo", getenv, stderr)
	scale := fs.Float64("scale", 1, "scale (1 = one district: 5,600 enterprises, 10,000 persons)")
	e, err := parseAndOpen(ctx, fs, c, args, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	return generate(ctx, e, *scale, stdout)
}

// demoOnce fills an empty store; on a store with data it only says where
// the accounts of the first run were written.
func demoOnce(ctx context.Context, e *env, scale float64, stdout io.Writer) error {
	n, err := e.db.Count(ctx, "persons")
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(stdout, "数据库已有数据，跳过演示数据生成。演示账号见 %s\n", accountsFile(e))
		return nil
	}
	return generate(ctx, e, scale, stdout)
}

func accountsFile(e *env) string { return filepath.Join(e.cfg.Data, "demo-accounts.txt") }

func generate(ctx context.Context, e *env, scale float64, stdout io.Writer) error {
	if scale <= 0 || scale > 1000 {
		return fmt.Errorf("%w: --scale must be in (0, 1000]", errUsage)
	}
	res, err := demo.Generate(ctx, e.db, e.tables, demo.Options{Scale: scale, Seed: uint64(time.Now().UnixNano()),
		Now: time.Now(), Progress: stdout})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "演示数据已生成：企业 %d 家，人员 %d 人，岗位 %d 个，用时 %s\n", res.Enterprises, res.Persons, res.Posts, res.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(stdout, "零工经纪人：用工单位 %d 家，零工 %d 个，零工资料 %d 份，报名 %d 人次\n", res.Gigs.Employers, res.Gigs.Gigs, res.Gigs.Workers, res.Gigs.Signups)
	cw := res.Casework
	fmt.Fprintf(stdout, "话务中心：话务员 %d 人，服务对象 %d 人，联系记录 %d 条（其中企业 %d 条），跟进 %d 项，就业结果 %d 条，采集岗位 %d 个（已发布 %d），质检 %d 条\n",
		cw.Agents, cw.Clients, cw.Contacts+cw.EnterpriseContacts, cw.EnterpriseContacts, cw.FollowUps, cw.Outcomes, cw.Vacancies,
		cw.VacanciesPublished, cw.Reviews)
	fmt.Fprintf(stdout, "创业扶持：合作机构 %d 家，青创贷申请 %d 笔，放款 %d 笔共 %s 元，还款 %d 期\n", res.Startup.Banks, res.Startup.Applications,
		res.Startup.Approved, startup.Yuan(res.Startup.LentFen), res.Startup.Repayments)
	fmt.Fprintf(stdout, "创业项目资助：申报批次 %d 个，申报 %d 项，专家评分 %d 份，资助 %d 项共 %s\n", res.Funding.Calls, res.Funding.Applications,
		res.Funding.Scores, res.Funding.Awarded, startup.Wan(res.Funding.AwardedFen))
	fmt.Fprintln(stdout, "演示账号（每个角色一个）：")
	if err := demo.WriteAccounts(stdout, res.Accounts); err != nil {
		return err
	}
	f, err := os.OpenFile(accountsFile(e), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(stdout, "账号已另存到 %s（仅本机可读）\n", accountsFile(e))
	return demo.WriteAccounts(f, res.Accounts)
}

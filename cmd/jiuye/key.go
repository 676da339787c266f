package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/config"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
)

// rekeyPasses bounds how often key rotate walks the tables again for rows
// that a concurrent write changed under a pass (which it then skipped).
const rekeyPasses = 3

// cmdKey runs `jiuye key rotate [--prepare | --finish] [--batch N]`.
//
// A rotation has three steps, each safe to repeat:
//
//  1. The key file is rewritten (atomically, 0600, the old file kept as
//     KEYFILE.before-rotate-TIME) with a new current key, the old key as
//     previous and the derivation root unchanged. With --prepare it stops
//     here: every running instance must load the new file (restart) before
//     any row is resealed, since an instance holding only the old key cannot
//     open what the new key sealed.
//  2. Every *_enc value not under the current key is resealed and its *_idx
//     recomputed, 500 rows per transaction; a rerun continues where a pass
//     stopped. Lookups match the old and the new index meanwhile.
//  3. --finish drops the previous key from the key file once no value is
//     under it.
//
// --root rotates the derivation root instead (rotateRoot), with the server
// stopped.
func cmdKey(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rotate" {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	fs, c := flags("key rotate", getenv, stderr)
	prepare := fs.Bool("prepare", false, "only write the new key file; copy it to every instance and restart them, then run key rotate again")
	finish := fs.Bool("finish", false, "remove the previous key from the key file once no value is sealed with it")
	root := fs.Bool("root", false, "rotate the derivation root (audit chain, checkpoints, uploads, backup manifests) instead of the data key; stop every server first")
	batch := fs.Int("batch", store.RekeyBatch, "rows per transaction")
	if err := parse(fs, c, args[1:]); err != nil {
		return err
	}
	if *prepare && *finish || *root && (*prepare || *finish) {
		return fmt.Errorf("%w: --prepare, --finish and --root exclude each other", errUsage)
	}
	if _, err := os.Stat(c.KeyFile); err != nil {
		return fmt.Errorf("key rotate: no key file to rotate: %w", err)
	}
	ring, err := secret.LoadKeyRing(c.KeyFile)
	if err != nil {
		return err
	}
	backup := keyBackupName(c.KeyFile)
	if *root {
		return rotateRoot(ctx, c, ring, backup, stdout, stderr)
	}

	if *finish {
		if ring.Previous == nil {
			fmt.Fprintln(stdout, "没有进行中的密钥轮换：密钥文件中没有旧密钥")
			return nil
		}
		e, err := open(ctx, c, stderr)
		if err != nil {
			return err
		}
		defer e.db.Close()
		stale, err := e.db.StaleSealed(ctx)
		if err != nil {
			return err
		}
		if stale > 0 {
			return fmt.Errorf("key rotate --finish: 还有 %d 个值未用新密钥重新加密，请先运行 jiuye key rotate", stale)
		}
		if err := secret.CopyKeyFile(c.KeyFile, backup); err != nil {
			return err
		}
		if err := secret.WriteKeyRing(c.KeyFile, secret.KeyRing{Current: ring.Current, Root: ring.Root}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "密钥轮换完成：旧密钥已从 %s 移除（原文件备份为 %s，恢复轮换前的备份时需要它）\n", c.KeyFile, backup)
		return nil
	}

	if ring.Previous == nil {
		next, err := ring.Rotate()
		if err != nil {
			return err
		}
		if err := secret.CopyKeyFile(c.KeyFile, backup); err != nil {
			return err
		}
		if err := secret.WriteKeyRing(c.KeyFile, next); err != nil {
			return err
		}
		box, _ := next.Box()
		fmt.Fprintf(stdout, "新数据密钥 %s 已写入 %s（旧密钥保留为 previous；原文件备份为 %s）\n", box.DataKeyID(), c.KeyFile, backup)
	} else {
		box, err := ring.Box()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "继续进行中的密钥轮换（当前数据密钥 %s）\n", box.DataKeyID())
	}
	if *prepare {
		fmt.Fprintln(stdout, "请把新密钥文件复制到每个实例并重启它们，然后运行 jiuye key rotate 重新加密")
		return nil
	}

	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	total := map[string]*store.RekeyCount{}
	var order []string
	stale := 0
	for pass := 0; pass < rekeyPasses; pass++ {
		counts, err := e.db.RekeyAll(ctx, *batch, nil)
		for _, c := range counts {
			t := total[c.Table]
			if t == nil {
				t = &store.RekeyCount{Table: c.Table, Rows: c.Rows, Current: c.Current}
				total[c.Table] = t
				order = append(order, c.Table)
			}
			t.Resealed += c.Resealed
			t.Changed = c.Changed // what is still left for another pass
		}
		if err != nil {
			return fmt.Errorf("key rotate: %w（重新运行 jiuye key rotate 会从中断处继续）", err)
		}
		if stale, err = e.db.StaleSealed(ctx); err != nil {
			return err
		}
		if stale == 0 {
			break
		}
	}
	for _, name := range order {
		t := total[name]
		fmt.Fprintf(stdout, "%s：%d 行，重新加密 %d 行，原已是新密钥 %d 行\n", t.Table, t.Rows, t.Resealed, t.Current)
	}
	if stale > 0 {
		return errors.New("key rotate: " + fmt.Sprint(stale) + " 个值在并发修改后仍未重新加密，请重新运行 jiuye key rotate")
	}
	resealed := 0
	for _, t := range total {
		resealed += t.Resealed
	}
	summary := fmt.Sprintf("数据密钥 %s：重新加密 %d 行", e.box.DataKeyID(), resealed)
	if err := e.db.Audit(ctx, store.Actor{Role: "system", IP: "cli"}, audit.KeyRotate, "key", 0, summary, audit.ResultOK); err != nil {
		return fmt.Errorf("key rotate: %w", err)
	}
	fmt.Fprintln(stdout, "全部个人数据已用新数据密钥加密；确认每个实例都已加载新密钥文件后，可运行 jiuye key rotate --finish 从密钥文件中移除旧密钥")
	return nil
}

// keyBackupName is a free name for a copy of the key file before it is
// rewritten: KEYFILE.before-rotate-TIME (with -2, -3 … within one second).
func keyBackupName(keyFile string) string {
	base := keyFile + ".before-rotate-" + time.Now().UTC().Format("20060102T150405Z")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// rotateRoot runs `jiuye key rotate --root`, with every server stopped: the
// audit chain is rehashed in one transaction, and an instance still holding
// the old root would append rows (and checkpoints, and uploads) that the new
// key does not verify, so every instance must switch at once. Each step is
// safe to repeat, and a rerun continues from the key file's previous-root:
//
//  1. The chain is verified under the current root (with the checkpoint
//     file); a broken chain is refused before anything changes. The key file
//     is rewritten (atomically, 0600, the old file kept as
//     KEYFILE.before-rotate-TIME) with a new root and the old one as
//     previous-root; the data keys stay.
//  2. The audit chain is rehashed under the new chain key in one
//     transaction and a key.rotate_root entry records it (skipped when the
//     chain already verifies under the new key).
//  3. Every upload file is resealed under the new uploads key, one file at a
//     time (new name, records repointed, old file removed).
//  4. The checkpoint file, signed with the old key, is moved aside and a new
//     one is written under the new checkpoint key.
//  5. previous-root is dropped from the key file.
//
// Backups made before cannot be verified with the new root: restore them
// with the saved KEYFILE.before-rotate-TIME.
func rotateRoot(ctx context.Context, c *config.Config, ring secret.KeyRing, backup string, stdout, stderr io.Writer) error {
	cpPath := filepath.Join(c.Data, store.AuditCheckpointFile)
	if ring.PreviousRoot == nil {
		e, err := open(ctx, c, stderr)
		if err != nil {
			return err
		}
		cps, err := store.ReadAuditCheckpoints(cpPath)
		if errors.Is(err, os.ErrNotExist) {
			err = nil
		}
		if err == nil {
			_, err = e.db.VerifyAudit(ctx, cps...)
		}
		e.db.Close()
		if err != nil {
			return fmt.Errorf("key rotate --root: 审计日志在当前密钥下校验失败，拒绝轮换（新密钥会为损坏的记录担保），未做任何更改：%w", err)
		}
		next, err := ring.RotateRoot()
		if err != nil {
			return err
		}
		if err := secret.CopyKeyFile(c.KeyFile, backup); err != nil {
			return err
		}
		if err := secret.WriteKeyRing(c.KeyFile, next); err != nil {
			return err
		}
		ring = next
		fmt.Fprintf(stdout, "新派生根密钥已写入 %s（旧根密钥保留为 previous-root；原文件备份为 %s，恢复轮换前的备份时需要它）\n", c.KeyFile, backup)
	} else {
		fmt.Fprintln(stdout, "继续进行中的派生根密钥轮换（密钥文件中有 previous-root）")
	}
	old, err := ring.PreviousBox()
	if err != nil {
		return err
	}
	e, err := open(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer e.db.Close()
	fmt.Fprintf(stdout, "派生根密钥 %s → %s\n", old.KeyID(), e.box.KeyID())

	rr, err := e.db.RehashAuditChainRoot(ctx, old)
	if err != nil {
		return fmt.Errorf("key rotate --root: %w", err)
	}
	if rr.Already {
		fmt.Fprintln(stdout, "审计链：已是新密钥，无需重算")
	} else {
		fmt.Fprintf(stdout, "审计链：%d 条记录已用新密钥重算（并记录 %s）\n", rr.Rows, audit.KeyRotateRoot)
	}

	ur, err := e.app.PolicyApps.ResealUploads(ctx, old.Files("uploads"))
	fmt.Fprintf(stdout, "上传材料：重新加密 %d 个文件，原已是新密钥 %d 条记录，失败 %d 条，清理旧文件 %d 个\n", ur.Resealed, ur.Current, ur.Failed, ur.Removed)
	if err != nil {
		return fmt.Errorf("key rotate --root: %w（重新运行 jiuye key rotate --root 会从中断处继续）", err)
	}
	if ur.Failed > 0 {
		return fmt.Errorf("key rotate --root: %d 条上传材料的文件缺失或在新旧密钥下都无法打开（见日志），previous-root 保留；处理后重新运行 jiuye key rotate --root", ur.Failed)
	}

	switch cps, err := store.ReadAuditCheckpoints(cpPath); {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	default:
		last := cps[len(cps)-1]
		if e.db.CheckAuditCheckpoint(last) != nil {
			if err := last.CheckSignature(old.Derive("audit-checkpoint"), old.KeyID()); err != nil {
				return fmt.Errorf("key rotate --root: 检查点文件 %s 在新旧密钥下都不成立：%w", cpPath, err)
			}
			aside := cpPath + ".before-rotate-" + time.Now().UTC().Format("20060102T150405Z")
			if err := os.Rename(cpPath, aside); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "旧密钥签名的检查点已移到 %s\n", aside)
		}
	}
	cp, err := writeAuditCheckpoint(ctx, e.db, cpPath, e.log)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已用新密钥写入审计检查点 %s：第 %d 条\n", cpPath, cp.ID)

	if err := secret.WriteKeyRing(c.KeyFile, secret.KeyRing{Current: ring.Current, Previous: ring.Previous, Root: ring.Root}); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "派生根密钥轮换完成：previous-root 已从密钥文件移除；轮换前的备份只能用 .before-rotate-* 密钥文件校验和恢复")
	return nil
}

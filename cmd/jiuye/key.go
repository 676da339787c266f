package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

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
func cmdKey(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rotate" {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	fs, c := flags("key rotate", getenv, stderr)
	prepare := fs.Bool("prepare", false, "only write the new key file; copy it to every instance and restart them, then run key rotate again")
	finish := fs.Bool("finish", false, "remove the previous key from the key file once no value is sealed with it")
	batch := fs.Int("batch", store.RekeyBatch, "rows per transaction")
	if err := parse(fs, c, args[1:]); err != nil {
		return err
	}
	if *prepare && *finish {
		return fmt.Errorf("%w: --prepare and --finish exclude each other", errUsage)
	}
	if _, err := os.Stat(c.KeyFile); err != nil {
		return fmt.Errorf("key rotate: no key file to rotate: %w", err)
	}
	ring, err := secret.LoadKeyRing(c.KeyFile)
	if err != nil {
		return err
	}
	backup := keyBackupName(c.KeyFile)

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

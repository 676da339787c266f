package api

// 网谷智聘 Excel import through the API, the same runs as the page: upload a
// file (multipart, field "file") and get 202 with the run; poll the run for
// its progress and counts; download its error report as .xlsx.

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// jobImportsAPI serves 网谷智聘 bulk post imports: starting a run from an
// uploaded file, its progress, and its error report.
type jobImportsAPI struct {
	base
	imports *app.JobImports
}

// jobImportView is an import run. Checked counts the rows checked so far
// (the progress, out of Total); Saved, Failed and ErrorCount are final once
// Status is "done". Message says why a "failed" run saved nothing.
type jobImportView struct {
	ID         int64  `json:"id"`
	Filename   string `json:"filename"`
	Status     string `json:"status"`
	Total      int    `json:"total"`
	Checked    int    `json:"checked"`
	Saved      int    `json:"saved"`
	Failed     int    `json:"failed"`
	ErrorCount int    `json:"error_count"`
	Message    string `json:"message,omitempty"`
	CreatedAt  string `json:"created_at"`
	FinishedAt string `json:"finished_at,omitempty"`
	ErrorsURL  string `json:"errors_url,omitempty"`
	PageURL    string `json:"page_url"`
}

func jobImportJSON(r *jobs.Import) jobImportView {
	id := strconv.FormatInt(r.ID, 10)
	v := jobImportView{ID: r.ID, Filename: r.Filename, Status: r.Status, Total: r.Total, Checked: r.Checked, Saved: r.Saved,
		Failed: r.Failed, ErrorCount: r.ErrorCount, Message: r.Message, CreatedAt: ts(r.CreatedAt), FinishedAt: ts(r.FinishedAt),
		PageURL: "/enterprise/job-imports/" + id}
	if r.Status == jobs.ImportDone && r.ErrorCount > 0 {
		v.ErrorsURL = "/api/v1/me/job-imports/" + id + "/errors.xlsx"
	}
	return v
}

func (h *jobImportsAPI) startJobImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxImportBytes+1<<20)
	files, done, err := httpx.ReadFiles(r, "file", app.ImportTooLarge())
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请以 multipart/form-data 上传 .xlsx 或 .csv 文件（字段 file）")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var run *jobs.Import
	if r.FormValue("mapping_step") == "1" {
		// The import page's script: a file whose header is not the
		// template's goes to the page's mapping step instead.
		var d *app.ImportDraft
		if d, err = h.imports.DraftPostImport(r.Context(), httpx.Actor(r), files[0].Name, files[0].Data); err == nil {
			if !d.Template {
				writeJSON(w, http.StatusConflict, map[string]any{"error": map[string]string{"code": "needs_mapping",
					"message": "请在下一步为各列选择对应的字段，预览后再导入"}})
				return
			}
			run, err = h.imports.StartDraft(r.Context(), httpx.Actor(r), app.ImportSourceAPI, d)
		}
	} else {
		run, err = h.imports.StartPostImport(r.Context(), httpx.Actor(r), app.ImportSourceAPI, files[0].Name, files[0].Data)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/me/job-imports/"+strconv.FormatInt(run.ID, 10))
	writeJSON(w, http.StatusAccepted, jobImportJSON(run))
}

func (h *jobImportsAPI) myJobImports(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	runs, err := h.imports.MyJobImports(r.Context(), httpx.Actor(r), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]jobImportView, 0, len(runs))
	for _, run := range runs {
		items = append(items, jobImportJSON(run))
	}
	writeJSON(w, http.StatusOK, listView[jobImportView]{Total: len(items), Items: items})
}

func (h *jobImportsAPI) getJobImport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	run, err := h.imports.JobImport(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, jobImportJSON(run))
}

func (h *jobImportsAPI) jobImportErrors(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rowErrs, err := h.imports.JobImportErrors(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := app.WriteRowErrors(&b, rowErrs); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "岗位导入错误报告", b.Bytes())
}

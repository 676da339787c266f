package api

// 网谷智聘 resume endpoints: a person's own resume and its diagnosis under
// /me, and the same by person id for bureau personnel (staff and admins
// may edit: 代办). The JSON is resume.Resume's; access is decided by the app.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/resume"
)

// resumeAPI serves 网谷智聘 resumes and their diagnosis: the person's own
// under /me, and by person id for the person and bureau personnel.
type resumeAPI struct {
	base
	resumes *app.Resumes
}

// resumeJSON returns r with empty lists instead of nulls, so clients can
// iterate every list without checks.
func resumeJSON(r *resume.Resume) *resume.Resume {
	out := *r
	if out.Intentions == nil {
		out.Intentions = []resume.Intention{}
	}
	for i := range out.Intentions {
		it := &out.Intentions[i]
		if it.OccupationCodes == nil {
			it.OccupationCodes = []string{}
		}
		if it.RegionCodes == nil {
			it.RegionCodes = []string{}
		}
	}
	if out.Education == nil {
		out.Education = []resume.EducationEntry{}
	}
	if out.Work == nil {
		out.Work = []resume.WorkEntry{}
	}
	if out.Skills == nil {
		out.Skills = []string{}
	}
	if out.Certificates == nil {
		out.Certificates = []resume.Certificate{}
	}
	return &out
}

func (h *resumeAPI) getMyResume(w http.ResponseWriter, r *http.Request) {
	h.getResume(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumeAPI) getPersonResume(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.getResume(w, r, id)
}

func (h *resumeAPI) getResume(w http.ResponseWriter, r *http.Request, personID int64) {
	pg, err := h.resumes.ViewResume(r.Context(), httpx.Actor(r), personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resumeJSON(pg.Resume))
}

func (h *resumeAPI) putMyResume(w http.ResponseWriter, r *http.Request) {
	h.putResume(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumeAPI) putPersonResume(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.putResume(w, r, id)
}

// putResume replaces the resume; person_id and updated_at in the body are ignored.
func (h *resumeAPI) putResume(w http.ResponseWriter, r *http.Request, personID int64) {
	var in resume.Resume
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.resumes.SaveResume(r.Context(), httpx.Actor(r), personID, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resumeJSON(out))
}

func (h *resumeAPI) myResumeDiagnosis(w http.ResponseWriter, r *http.Request) {
	h.resumeDiagnosis(w, r, httpx.User(r.Context()).PersonID)
}

func (h *resumeAPI) personResumeDiagnosis(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.resumeDiagnosis(w, r, id)
}

func (h *resumeAPI) resumeDiagnosis(w http.ResponseWriter, r *http.Request, personID int64) {
	d, err := h.resumes.DiagnoseResume(r.Context(), httpx.Actor(r), personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := d.Diagnosis
	if out.Findings == nil {
		out.Findings = []resume.Finding{}
	}
	if out.Strengths == nil {
		out.Strengths = []string{}
	}
	writeJSON(w, http.StatusOK, out)
}

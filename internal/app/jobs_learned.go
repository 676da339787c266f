package app

import "github.com/jiuye/jiuye/internal/jobs/classify"

// classify suggests occupations for a title.
func (x *Jobs) classify(title, description string, k int) []classify.Candidate {
	return x.state.classifier(x.codes).Classify(title, description, k)
}

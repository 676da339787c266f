package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
	"github.com/jiuye/jiuye/internal/store"
)

// DistrictPosts is the number of job posts at Scale 1 (the seed's 48,000).
const DistrictPosts = 48000

// postChunk is how many synthetic posts are made at a time, so that a large
// scale does not hold every post in memory at once.
const postChunk = 48000

const streamPosts = streamAccounts + 1

// benefitWords maps phrases of the synthetic descriptions and titles to the
// benefits an employer would have ticked.
var benefitWords = [][2]string{
	{"五险一金", "五险一金"}, {"包吃包住", "包吃住"}, {"包吃住", "包吃住"}, {"住宿免费", "包住"}, {"工作餐", "餐补"},
	{"餐补", "餐补"}, {"交通补贴", "交通补贴"}, {"双休", "双休"}, {"带薪年假", "带薪年假"}, {"年终奖", "年终奖"},
	{"绩效奖金", "绩效奖金"}, {"加班费", "加班补贴"}, {"节日福利", "节日福利"}, {"体检", "定期体检"}, {"班车", "免费班车"},
}

// generatePosts adds round(DistrictPosts × scale) posts to the store's
// verified enterprises: titles, descriptions, occupation codes, pay,
// streets and positions from searchbench.SyntheticPosts; a post whose 60 days
// are over is stored as expired, the rest as published. Every post passes
// jobs validation as of its publication day.
func generatePosts(ctx context.Context, db *store.DB, tables *codes.Tables, opt Options, progress io.Writer) (int, error) {
	n := max(1, int(math.Round(DistrictPosts*opt.Scale)))
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return 0, err
	}
	if len(ents) == 0 {
		return 0, errors.New("demo: no verified enterprise to give posts to")
	}
	r := rand.New(rand.NewPCG(opt.Seed, streamPosts))
	done := 0
	for chunk := 0; done < n; chunk++ {
		docs := searchbench.SyntheticPosts(min(postChunk, n-done), opt.Seed+uint64(chunk)*7919, tables.Occupations, tables.Regions, opt.Now)
		offset := chunk * 131 // each chunk's employers land on other enterprises
		for from := 0; from < len(docs); from += batchSize {
			batch := make([]*jobs.Post, 0, batchSize)
			for _, d := range docs[from:min(from+batchSize, len(docs))] {
				p := postOf(d, ents[(int(d.EnterpriseID)+offset)%len(ents)], r, tables)
				if err := p.Validate(d.PublishedAt, tables.Occupations, tables.Regions); err != nil {
					return done, validationError("job post", p.Title, err)
				}
				if p.IsExpired(opt.Now) {
					p.Status = jobs.Expired
				}
				batch = append(batch, p)
			}
			if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertPosts(ctx, batch) }); err != nil {
				return done, fmt.Errorf("demo: posts: %w", err)
			}
			done += len(batch)
			report(progress, "岗位", done, n)
		}
	}
	return done, nil
}

// postOf turns a synthetic post into a published post of enterprise ent;
// the description names ent instead of the made-up employer.
func postOf(d search.Doc, ent store.EnterpriseRef, r *rand.Rand, tables *codes.Tables) *jobs.Post {
	desc := d.Description
	if d.Enterprise != "" {
		desc = strings.ReplaceAll(desc, d.Enterprise, ent.Name)
	}
	p := &jobs.Post{EnterpriseID: ent.ID, Title: d.Title, OccupationCode: d.OccupationCode, Description: desc,
		Headcount: []int{1, 1, 2, 2, 3, 5, 10, 20}[r.IntN(8)], SalaryMin: d.SalaryMin, SalaryMax: d.SalaryMax,
		Education: d.Education, ExperienceYears: d.ExperienceYears, Skills: d.Skills, RegionCode: d.RegionCode,
		Lat: d.Lat, Lng: d.Lng, HasGeo: d.HasGeo, Status: jobs.Published, PublishedAt: d.PublishedAt.UTC(),
		ExpiresOn: jobs.Today(d.ExpiresAt.Add(-time.Second))}
	text := d.Title + d.Description
	for _, w := range benefitWords {
		if strings.Contains(text, w[0]) && !contains(p.Benefits, w[1]) {
			p.Benefits = append(p.Benefits, w[1])
		}
	}
	street := ""
	if c, ok := tables.Regions.Get(d.RegionCode); ok {
		street = c.Name
	}
	p.Address = fmt.Sprintf("%s%s%d号", street, roads[r.IntN(len(roads))], 1+r.IntN(300))
	if len(p.Skills) > jobs.MaxSkills {
		p.Skills = p.Skills[:jobs.MaxSkills]
	}
	p.Normalize()
	return p
}

var roads = []string{"临空港大道", "金山大道", "吴家山路", "新沟大道", "东吴大道", "金银湖路", "走马岭路", "张柏路", "田园大道", "宏图大道"}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

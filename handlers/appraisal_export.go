package handlers

import (
	"context"

	"storeops/appraisalfile"
	"storeops/bot"
	"storeops/domain"
)

// registerAppraisalExport adds HR's XLSX export of a month's appraisals, sent by DM.
func registerAppraisalExport(b *bot.Bot, d Deps) {
	a := d.Appraisals
	b.AddCommand(bot.Command{Area: "appraisal", Path: "appraisal export", Usage: "[month]", Summary: "help.appraisal.export",
		Roles: []domain.Role{domain.RoleHR},
		Handle: func(ctx context.Context, r *bot.Request) (*bot.Reply, error) {
			m, err := monthArg(a, r.Args.Rest(0))
			if err != nil {
				return nil, err
			}
			cycles, err := a.Export(ctx, r.Actor, m)
			if err != nil {
				return nil, err
			}
			data, err := appraisalfile.Workbook(r.L, m.String(), cycles)
			if err != nil {
				return nil, err
			}
			name := appraisalfile.Name(m.String())
			dm := *r
			dm.ChannelID = ""
			if err := dm.UploadFile(ctx, name, r.L.T("appraisal.export.title", m.String()), r.L.T("appraisal.export.comment", m.String()), data); err != nil {
				return nil, err
			}
			return text(r.L.T("appraisal.export.sent", name)), nil
		}})
}

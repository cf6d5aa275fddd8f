import { type Answer, api, errorText } from "../api";
import { field, h } from "../dom";
import { num, pct, t } from "../i18n";
import type { Ctx } from "../app";

type Job = Answer<"/v1/clients/imports/{job_id}">;

export function importPage(ctx: Ctx): void {
  const file = h("input", { name: "file", type: "file", accept: ".csv,text/csv", required: true });
  const dry = h("input", { name: "dry_run", type: "checkbox" });
  const bar = h("progress", { max: "1", value: "0", id: "import-progress", "aria-label": t("importProgress") });
  const label = h("span", { class: "muted", "aria-live": "polite" }, "");
  const result = h("div", { role: "status" });
  const button = h("button", { type: "submit", class: "primary" }, t("startImport"));

  async function follow(job: Job): Promise<void> {
    while (ctx.alive()) {
      bar.value = Number(job.progress_fraction);
      label.textContent = `${pct(Number(job.progress_fraction))} · ${num(job.processed_rows)} / ${num(job.total_rows)}`;
      if (job.status !== "running") break;
      await new Promise((r) => setTimeout(r, 400));
      job = await api.get<"/v1/clients/imports/{job_id}">(`/v1/clients/imports/${job.id}`);
    }
    button.disabled = false;
    if (job.status === "failed") {
      result.replaceChildren(h("p", { class: "notice error" }, t("importFailed", { e: job.error ?? "" })));
      return;
    }
    const errors = job.report.filter((r) => r.status === "error");
    result.replaceChildren(
      h(
        "p",
        { class: errors.length ? "notice warn" : "notice ok", "data-testid": "import-result" },
        t("importDone", { c: job.created_count, u: job.updated_count, x: job.unchanged_count, e: job.error_count }),
      ),
      ...(errors.length
        ? [h(
            "table",
            { class: "data compact" },
            h("thead", null, h("tr", null, h("th", { scope: "col" }, t("row")), h("th", { scope: "col" }, t("error")))),
            h("tbody", null, errors.slice(0, 50).map((e) => h("tr", null, h("td", null, String(e.line)), h("td", null, (e.errors ?? []).join("; "))))),
          )]
        : []),
    );
  }

  const form = h(
    "form",
    {
      class: "card stack-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) return;
        button.disabled = true;
        result.replaceChildren();
        const body = new FormData();
        body.set("file", chosen, chosen.name);
        body.set("dry_run", dry.checked ? "true" : "false");
        try {
          await follow(await api.post<"/v1/clients/imports">("/v1/clients/imports", body));
        } catch (err) {
          button.disabled = false;
          result.replaceChildren(h("p", { class: "notice error" }, errorText(err)));
        }
      },
    },
    field(t("csvFile"), file),
    h("div", { class: "check" }, dry, h("label", { for: (dry.id = "import-dry") }, t("dryRun"))),
    button,
    h("div", { class: "progress-row" }, h("label", { for: "import-progress" }, t("importProgress")), bar, label),
    result,
  );
  ctx.main.append(h("h1", null, t("importTitle")), h("p", { class: "lead" }, t("importLead")), form);
}

import { api, errorText } from "../../api";
import { errorBox } from "../../app";
import { field, h, options } from "../../dom";
import { date, num, t, tv } from "../../i18n";
import type { Doc, Documents } from "./load";
import { section } from "./parts";

/** The client's documents: the list, a download link for each, and an upload form. */
export function documentsCard(id: string, docs: Documents | Error): HTMLElement {
  const docList = h("ul", { class: "plain docs" });
  const renderDocs = (items: Doc[]) => {
    docList.replaceChildren(
      ...items.map((d) =>
        h(
          "li",
          null,
          h("span", { class: "chip" }, tv("doc_", d.kind)),
          " ",
          d.title,
          " ",
          h("span", { class: "muted small" }, `${d.filename} · ${num(d.size_bytes / 1024)} KB · ${date(d.created_at)}`),
          " ",
          h("a", { href: `/v1/clients/${id}/documents/${d.id}/content`, download: d.filename }, t("download")),
        ),
      ),
    );
    if (!items.length) docList.appendChild(h("li", { class: "muted" }, t("none")));
  };
  if (!(docs instanceof Error)) renderDocs(docs.items);
  const docTitle = h("input", { name: "title", type: "text", required: true });
  const docKind = options(h("select", { name: "kind" }), ["contract", "quote", "invoice", "delivery_note", "other"].map((k): [string, string] => [k, tv("doc_", k)]), "contract");
  const docFile = h("input", { name: "file", type: "file", required: true });
  const docMsg = h("p", { class: "form-message", role: "status" });
  const upload = h(
    "form",
    {
      class: "inline-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const file = docFile.files?.[0];
        if (!file) return;
        const body = new FormData();
        body.set("title", docTitle.value.trim() || file.name);
        body.set("kind", docKind.value);
        body.set("file", file, file.name);
        try {
          await api.post<"/v1/clients/{client_id}/documents">(`/v1/clients/${id}/documents`, body);
          docMsg.textContent = t("uploaded");
          upload.reset();
          renderDocs((await api.get<"/v1/clients/{client_id}/documents">(`/v1/clients/${id}/documents`)).items);
        } catch (err) {
          docMsg.textContent = errorText(err);
        }
      },
    },
    field(t("docTitle"), docTitle),
    field(t("docKind"), docKind),
    field(t("docFile"), docFile),
    h("button", { type: "submit", class: "secondary" }, t("upload")),
    docMsg,
  );
  return section(t("documents"), "documents", docs instanceof Error ? errorBox(docs) : docList, upload);
}

import { errorBox } from "../../app";
import { h } from "../../dom";
import { dateTime, t } from "../../i18n";
import type { Timeline } from "./load";
import { section } from "./parts";

/** What happened with the client, newest first. */
export function timelineCard(timeline: Timeline | Error): HTMLElement {
  return section(
    t("timeline"),
    "timeline",
    timeline instanceof Error
      ? errorBox(timeline)
      : h(
          "ol",
          { class: "timeline" },
          timeline.items.map((i) => h("li", { class: `tl-${i.kind}` }, h("time", { datetime: i.occurred_at }, dateTime(i.occurred_at)), h("span", null, i.title))),
        ),
  );
}

import { ApiError, errorText, resetPassword } from "../api";
import { field, h } from "../dom";
import { t } from "../i18n";

/** The page a mailed reset link opens (#/reset?token=...): a new password, then sign in. */
export function resetPage(root: HTMLElement, token: string, done: () => void): void {
  const password = h("input", {
    type: "password",
    name: "new-password",
    autocomplete: "new-password",
    minlength: 12,
    required: true,
  });
  const message = h("p", { class: "form-message", role: "alert", "aria-live": "assertive" });
  const button = h("button", { type: "submit", class: "primary" }, t("resetSave"));
  const next = h("button", { type: "button", class: "link-button", onclick: done }, t("goToSignIn"));
  const form = h(
    "form",
    {
      class: "signin-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        message.textContent = "";
        button.disabled = true;
        try {
          await resetPassword(token, password.value);
          form.replaceChildren(h("p", { class: "form-message notice", role: "status" }, t("resetDone")), next);
          next.focus();
        } catch (e) {
          button.disabled = false;
          message.textContent = e instanceof ApiError && e.status === 400 ? t("resetInvalid") : errorText(e);
          password.focus();
        }
      },
    },
    field(t("newPassword"), password),
    message,
    button,
  );
  root.appendChild(
    h(
      "main",
      { id: "main", class: "signin" },
      h(
        "section",
        { class: "signin-card", "aria-labelledby": "reset-title" },
        h("div", { class: "brand big" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, "C"), t("appName")),
        h("h1", { id: "reset-title" }, t("resetTitle")),
        h("p", { class: "lead" }, t("resetLead")),
        token ? form : h("p", { class: "form-message" }, t("resetInvalid")),
        next,
      ),
    ),
  );
  password.focus();
}

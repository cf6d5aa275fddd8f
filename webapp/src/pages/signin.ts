import { ApiError, errorText, signIn, tenantChoices } from "../api";
import { field, h } from "../dom";
import { currentLang, setLang, t } from "../i18n";

export function signInPage(root: HTMLElement, done: () => Promise<void>): void {
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const message = h("p", { class: "form-message", role: "alert", "aria-live": "assertive" });
  // Shown only when the e-mail and password open accounts in several businesses (a 409).
  const business = h("select", { name: "tenant" });
  const chooser = field(t("business"), business);
  chooser.hidden = true;
  email.addEventListener("input", () => {
    chooser.hidden = true;
    business.replaceChildren();
  });
  const button = h("button", { type: "submit", class: "primary" }, t("signIn"));
  const form = h(
    "form",
    {
      class: "signin-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        message.textContent = "";
        button.disabled = true;
        try {
          await signIn(email.value.trim(), password.value, chooser.hidden ? undefined : business.value);
          await done();
        } catch (e) {
          button.disabled = false;
          const choices = tenantChoices(e);
          if (choices) {
            business.replaceChildren(...choices.map((c) => h("option", { value: c.tenant_id }, c.name)));
            chooser.hidden = false;
            message.textContent = t("signInWhich");
            business.focus();
            return;
          }
          if (e instanceof ApiError && e.status === 429) {
            message.textContent = t("signInLocked", { s: e.retryAfter ?? 60 });
          } else if (e instanceof ApiError && (e.status === 401 || e.status === 422)) {
            message.textContent = t("signInFailed");
          } else {
            message.textContent = errorText(e);
          }
          password.focus();
        }
      },
    },
    field(t("email"), email),
    field(t("password"), password),
    chooser,
    message,
    button,
  );
  const other = currentLang() === "es" ? "en" : "es";
  root.appendChild(
    h(
      "main",
      { id: "main", class: "signin" },
      h(
        "section",
        { class: "signin-card", "aria-labelledby": "signin-title" },
        h("div", { class: "brand big" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, "C"), t("appName")),
        h("h1", { id: "signin-title" }, t("signInTitle")),
        h("p", { class: "lead" }, t("signInLead")),
        form,
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            lang: other,
            onclick: () => {
              setLang(other);
              root.replaceChildren();
              signInPage(root, done);
            },
          },
          t("otherLang"),
        ),
      ),
    ),
  );
  email.focus();
}

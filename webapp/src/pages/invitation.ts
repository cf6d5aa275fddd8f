import { acceptInvitation, ApiError, errorText } from "../api";
import { field, h } from "../dom";
import { t } from "../i18n";

/** The page a mailed invitation opens (#/invitation?token=...). Signed in, the person joins with
 * the account they have (no new password); someone new to Cartera gives a name and a password.
 * An address that has an account is told to sign in first (the 409). */
export function invitationPage(root: HTMLElement, token: string, signedIn: boolean, done: () => void): void {
  const name = h("input", { type: "text", name: "name", autocomplete: "name", required: !signedIn });
  const password = h("input", { type: "password", name: "new-password", autocomplete: "new-password", minlength: 12, required: !signedIn });
  const message = h("p", { class: "form-message", role: "alert", "aria-live": "assertive" });
  const button = h("button", { type: "submit", class: "primary" }, t("inviteAccept"));
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
          await acceptInvitation(token, signedIn ? undefined : { name: name.value, password: password.value });
          form.replaceChildren(h("p", { class: "form-message notice", role: "status" }, t("inviteDone")), next);
          next.focus();
        } catch (e) {
          button.disabled = false;
          message.textContent =
            e instanceof ApiError && e.status === 400
              ? t("inviteInvalid")
              : e instanceof ApiError && e.status === 409
                ? t("inviteSignInFirst")
                : errorText(e);
        }
      },
    },
    signedIn ? "" : field(t("inviteName"), name),
    signedIn ? "" : field(t("newPassword"), password),
    message,
    button,
  );
  root.appendChild(
    h(
      "main",
      { id: "main", class: "signin" },
      h(
        "section",
        { class: "signin-card", "aria-labelledby": "invite-title" },
        h("div", { class: "brand big" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, "C"), t("appName")),
        h("h1", { id: "invite-title" }, t("inviteTitle")),
        h("p", { class: "lead" }, signedIn ? t("inviteLeadSignedIn") : t("inviteLeadNew")),
        token ? form : h("p", { class: "form-message" }, t("inviteInvalid")),
        next,
      ),
    ),
  );
}

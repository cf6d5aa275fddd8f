"""The rule on a Spanish CIF's control character that python-stdnum does not apply.

The control character of a legal entity's NIF (CIF) is a digit or a letter according to the key
letter of the kind of entity (Orden EHA/451/2008 sets the keys; the digit-or-letter rule is the
check algorithm's, kept from the CIF of Decreto 2423/1975; docs/compliance.md says what was
verified). stdnum's `cif` accepts either for every key. Every service that takes a CIF (the
clients' tax ids, the issuer's own) applies it from here, so they agree.
"""

from __future__ import annotations

CIF_CONTROL_DIGIT_KEYS = frozenset("ABEH")  # sociedades anónimas, limitadas, comunidades...
CIF_CONTROL_LETTER_KEYS = frozenset("NPQRSW")  # foreign entities, public bodies, religious, PEs
# Any other key (C, D, F, G, J, U, V) may end in either.


def cif_control_problem(value: str) -> str | None:
    """Why a CIF (valid for stdnum) ends in the wrong kind of control character, if it does."""
    key, control = value[:1], value[-1:]
    if key in CIF_CONTROL_DIGIT_KEYS and not control.isdigit():
        return (
            f"{value}: a CIF beginning with {key} ends in a digit, not a letter "
            "(check the control character)."
        )
    if key in CIF_CONTROL_LETTER_KEYS and not control.isalpha():
        return (
            f"{value}: a CIF beginning with {key} ends in a letter, not a digit "
            "(check the control character)."
        )
    return None

"""The scopes of the collections API, as the identities its routes require."""

from __future__ import annotations

from typing import Annotated

from cartera_shared.identity import Identity, require_scope

ReadIdentity = Annotated[Identity, require_scope("collections:read")]
WriteIdentity = Annotated[Identity, require_scope("collections:write")]

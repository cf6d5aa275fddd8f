"""The typed dependencies the invoicing routes share: the invoice scopes, the Idempotency-Key
header, and the service's parts (the clients directory, who produced the software, the group
commit of one-call issues)."""

from __future__ import annotations

from typing import Annotated

from cartera_invoicing.invoices.grouping import IssueGroups
from cartera_invoicing.verifactu.ports import InstalledVerifactu, SoftwareProducer
from cartera_shared import idempotency
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.edge import part
from cartera_shared.identity import Identity, require_scope

ReadIdentity = Annotated[Identity, require_scope("invoices:read")]
WriteIdentity = Annotated[Identity, require_scope("invoices:write")]
IdempotencyKey = idempotency.IdempotencyKey
Directory = Annotated[ClientsDirectory, part(ClientsDirectory)]
Producer = Annotated[SoftwareProducer, part(SoftwareProducer)]
Verifactu = Annotated[InstalledVerifactu, part(InstalledVerifactu)]
Groups = Annotated[IssueGroups, part(IssueGroups)]

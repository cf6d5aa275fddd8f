from enum import StrEnum


class StoredTaxTreatmentVatRegimeType0(StrEnum):
    EXEMPT = "exempt"
    EXPORT = "export"
    GENERAL = "general"
    INTRA_COMMUNITY = "intra_community"
    OUTSIDE_SCOPE = "outside_scope"
    REVERSE_CHARGE = "reverse_charge"

    def __str__(self) -> str:
        return str(self.value)

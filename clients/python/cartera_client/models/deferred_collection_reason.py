from enum import StrEnum


class DeferredCollectionReason(StrEnum):
    FIRST_COLLECTION_IN_THIS_REMITTANCE = "first_collection_in_this_remittance"
    FIRST_COLLECTION_NOT_YET_CONFIRMED = "first_collection_not_yet_confirmed"
    MANDATE_EXPIRED = "mandate_expired"

    def __str__(self) -> str:
        return str(self.value)

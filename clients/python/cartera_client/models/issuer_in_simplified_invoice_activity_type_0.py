from enum import StrEnum


class IssuerInSimplifiedInvoiceActivityType0(StrEnum):
    DANCE_HALLS = "dance_halls"
    DRY_CLEANING_LAUNDRY = "dry_cleaning_laundry"
    FILM_RENTAL = "film_rental"
    HAIRDRESSING_BEAUTY = "hairdressing_beauty"
    HOME_SALES = "home_sales"
    HOSPITALITY = "hospitality"
    ITINERANT_SALES = "itinerant_sales"
    PARKING = "parking"
    PASSENGER_TRANSPORT = "passenger_transport"
    PHOTOGRAPHY = "photography"
    PUBLIC_TELEPHONES = "public_telephones"
    RETAIL = "retail"
    SPORTS_FACILITIES = "sports_facilities"
    TOLL_MOTORWAYS = "toll_motorways"

    def __str__(self) -> str:
        return str(self.value)

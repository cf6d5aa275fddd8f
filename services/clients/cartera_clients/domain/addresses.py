"""Spanish postal codes and provinces.

The first two digits of a Spanish postal code are the province's INE code (01-52). A province may
be written in Spanish or in its co-official language ("Alicante" / "Alacant"); both are accepted,
compared without accents or case. The province also tells the tax territory: the Canary Islands
(IGIC), Ceuta and Melilla (IPSI) are outside Spanish VAT.
"""

from __future__ import annotations

import re
import unicodedata

PROVINCES: dict[str, tuple[str, ...]] = {
    "01": ("Álava", "Araba", "Araba/Álava"),
    "02": ("Albacete",),
    "03": ("Alicante", "Alacant", "Alicante/Alacant"),
    "04": ("Almería",),
    "05": ("Ávila",),
    "06": ("Badajoz",),
    "07": ("Illes Balears", "Islas Baleares", "Baleares", "Balears"),
    "08": ("Barcelona",),
    "09": ("Burgos",),
    "10": ("Cáceres",),
    "11": ("Cádiz",),
    "12": ("Castellón", "Castelló", "Castellón/Castelló", "Castellón de la Plana"),
    "13": ("Ciudad Real",),
    "14": ("Córdoba",),
    "15": ("A Coruña", "La Coruña", "Coruña"),
    "16": ("Cuenca",),
    "17": ("Girona", "Gerona"),
    "18": ("Granada",),
    "19": ("Guadalajara",),
    "20": ("Gipuzkoa", "Guipúzcoa"),
    "21": ("Huelva",),
    "22": ("Huesca",),
    "23": ("Jaén",),
    "24": ("León",),
    "25": ("Lleida", "Lérida"),
    "26": ("La Rioja", "Rioja"),
    "27": ("Lugo",),
    "28": ("Madrid",),
    "29": ("Málaga",),
    "30": ("Murcia", "Región de Murcia"),
    "31": ("Navarra", "Nafarroa"),
    "32": ("Ourense", "Orense"),
    "33": ("Asturias",),
    "34": ("Palencia",),
    "35": ("Las Palmas", "Palmas"),
    "36": ("Pontevedra",),
    "37": ("Salamanca",),
    "38": ("Santa Cruz de Tenerife", "Tenerife"),
    "39": ("Cantabria",),
    "40": ("Segovia",),
    "41": ("Sevilla",),
    "42": ("Soria",),
    "43": ("Tarragona",),
    "44": ("Teruel",),
    "45": ("Toledo",),
    "46": ("Valencia", "València"),
    "47": ("Valladolid",),
    "48": ("Bizkaia", "Vizcaya"),
    "49": ("Zamora",),
    "50": ("Zaragoza",),
    "51": ("Ceuta",),
    "52": ("Melilla",),
}

TERRITORY_BY_PROVINCE = {
    "35": "canary_islands",
    "38": "canary_islands",
    "51": "ceuta",
    "52": "melilla",
}
POSTAL_CODE = re.compile(r"^\d{5}$")


class InvalidAddress(ValueError):
    """A postal code or province that cannot be right; the message says why."""


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def province_code(postal_code: str) -> str:
    if not POSTAL_CODE.match(postal_code) or postal_code[:2] not in PROVINCES:
        raise InvalidAddress(
            f"{postal_code!r} is not a Spanish postal code (five digits, 01000-52999)."
        )
    return postal_code[:2]


def check_spanish_address(postal_code: str, province: str | None) -> str:
    """The province's usual name for this postal code; refuses a province that does not match."""
    code = province_code(postal_code)
    names = PROVINCES[code]
    if province is not None and _fold(province) not in {_fold(n) for n in names}:
        raise InvalidAddress(f"Postal code {postal_code} belongs to {names[0]}, not to {province}.")
    if province is not None:
        return province
    return names[0]


def territory(country: str, postal_code: str | None) -> str:
    """Where the client is for indirect taxes: `peninsula_balearics`, `canary_islands`,
    `ceuta`, `melilla` or `abroad`."""
    if country != "ES":
        return "abroad"
    if postal_code is None:
        return "peninsula_balearics"
    return TERRITORY_BY_PROVINCE.get(postal_code[:2], "peninsula_balearics")

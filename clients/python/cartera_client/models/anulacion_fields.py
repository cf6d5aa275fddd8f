from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AnulacionFields")


@_attrs_define
class AnulacionFields:
    """An anulación's (RegistroAnulacion) fingerprinted fields.

    Attributes:
        fecha_expedicion_factura_anterior (str):
        fecha_expedicion_factura_anulada (str): DD-MM-YYYY.
        fecha_hora_huso_gen_registro (str): When the record was generated, with offset.
        huella (str): The record's fingerprint (SHA-256, hexadecimal, upper case).
        huella_anterior (str): The previous record's fingerprint.
        id_emisor_factura_anterior (str): The previous record's issuer NIF.
        id_emisor_factura_anulada (str):
        num_serie_factura_anterior (str):
        num_serie_factura_anulada (str):
    """

    fecha_expedicion_factura_anterior: str
    fecha_expedicion_factura_anulada: str
    fecha_hora_huso_gen_registro: str
    huella: str
    huella_anterior: str
    id_emisor_factura_anterior: str
    id_emisor_factura_anulada: str
    num_serie_factura_anterior: str
    num_serie_factura_anulada: str

    def to_dict(self) -> dict[str, Any]:
        fecha_expedicion_factura_anterior = self.fecha_expedicion_factura_anterior

        fecha_expedicion_factura_anulada = self.fecha_expedicion_factura_anulada

        fecha_hora_huso_gen_registro = self.fecha_hora_huso_gen_registro

        huella = self.huella

        huella_anterior = self.huella_anterior

        id_emisor_factura_anterior = self.id_emisor_factura_anterior

        id_emisor_factura_anulada = self.id_emisor_factura_anulada

        num_serie_factura_anterior = self.num_serie_factura_anterior

        num_serie_factura_anulada = self.num_serie_factura_anulada

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "FechaExpedicionFacturaAnterior": fecha_expedicion_factura_anterior,
                "FechaExpedicionFacturaAnulada": fecha_expedicion_factura_anulada,
                "FechaHoraHusoGenRegistro": fecha_hora_huso_gen_registro,
                "Huella": huella,
                "HuellaAnterior": huella_anterior,
                "IDEmisorFacturaAnterior": id_emisor_factura_anterior,
                "IDEmisorFacturaAnulada": id_emisor_factura_anulada,
                "NumSerieFacturaAnterior": num_serie_factura_anterior,
                "NumSerieFacturaAnulada": num_serie_factura_anulada,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fecha_expedicion_factura_anterior = d.pop("FechaExpedicionFacturaAnterior")

        fecha_expedicion_factura_anulada = d.pop("FechaExpedicionFacturaAnulada")

        fecha_hora_huso_gen_registro = d.pop("FechaHoraHusoGenRegistro")

        huella = d.pop("Huella")

        huella_anterior = d.pop("HuellaAnterior")

        id_emisor_factura_anterior = d.pop("IDEmisorFacturaAnterior")

        id_emisor_factura_anulada = d.pop("IDEmisorFacturaAnulada")

        num_serie_factura_anterior = d.pop("NumSerieFacturaAnterior")

        num_serie_factura_anulada = d.pop("NumSerieFacturaAnulada")

        anulacion_fields = cls(
            fecha_expedicion_factura_anterior=fecha_expedicion_factura_anterior,
            fecha_expedicion_factura_anulada=fecha_expedicion_factura_anulada,
            fecha_hora_huso_gen_registro=fecha_hora_huso_gen_registro,
            huella=huella,
            huella_anterior=huella_anterior,
            id_emisor_factura_anterior=id_emisor_factura_anterior,
            id_emisor_factura_anulada=id_emisor_factura_anulada,
            num_serie_factura_anterior=num_serie_factura_anterior,
            num_serie_factura_anulada=num_serie_factura_anulada,
        )

        return anulacion_fields

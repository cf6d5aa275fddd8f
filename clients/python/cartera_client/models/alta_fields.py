from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AltaFields")


@_attrs_define
class AltaFields:
    """An alta's (RegistroAlta) fingerprinted fields.

    Attributes:
        cuota_total (str):
        fecha_expedicion_factura (str): DD-MM-YYYY.
        fecha_expedicion_factura_anterior (str):
        fecha_hora_huso_gen_registro (str): When the record was generated, with offset.
        huella (str): The record's fingerprint (SHA-256, hexadecimal, upper case).
        huella_anterior (str): The previous record's fingerprint.
        id_emisor_factura (str):
        id_emisor_factura_anterior (str): The previous record's issuer NIF.
        importe_total (str):
        num_serie_factura (str):
        num_serie_factura_anterior (str):
        tipo_factura (str): F1, F2, F3, R1-R5.
    """

    cuota_total: str
    fecha_expedicion_factura: str
    fecha_expedicion_factura_anterior: str
    fecha_hora_huso_gen_registro: str
    huella: str
    huella_anterior: str
    id_emisor_factura: str
    id_emisor_factura_anterior: str
    importe_total: str
    num_serie_factura: str
    num_serie_factura_anterior: str
    tipo_factura: str

    def to_dict(self) -> dict[str, Any]:
        cuota_total = self.cuota_total

        fecha_expedicion_factura = self.fecha_expedicion_factura

        fecha_expedicion_factura_anterior = self.fecha_expedicion_factura_anterior

        fecha_hora_huso_gen_registro = self.fecha_hora_huso_gen_registro

        huella = self.huella

        huella_anterior = self.huella_anterior

        id_emisor_factura = self.id_emisor_factura

        id_emisor_factura_anterior = self.id_emisor_factura_anterior

        importe_total = self.importe_total

        num_serie_factura = self.num_serie_factura

        num_serie_factura_anterior = self.num_serie_factura_anterior

        tipo_factura = self.tipo_factura

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "CuotaTotal": cuota_total,
                "FechaExpedicionFactura": fecha_expedicion_factura,
                "FechaExpedicionFacturaAnterior": fecha_expedicion_factura_anterior,
                "FechaHoraHusoGenRegistro": fecha_hora_huso_gen_registro,
                "Huella": huella,
                "HuellaAnterior": huella_anterior,
                "IDEmisorFactura": id_emisor_factura,
                "IDEmisorFacturaAnterior": id_emisor_factura_anterior,
                "ImporteTotal": importe_total,
                "NumSerieFactura": num_serie_factura,
                "NumSerieFacturaAnterior": num_serie_factura_anterior,
                "TipoFactura": tipo_factura,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cuota_total = d.pop("CuotaTotal")

        fecha_expedicion_factura = d.pop("FechaExpedicionFactura")

        fecha_expedicion_factura_anterior = d.pop("FechaExpedicionFacturaAnterior")

        fecha_hora_huso_gen_registro = d.pop("FechaHoraHusoGenRegistro")

        huella = d.pop("Huella")

        huella_anterior = d.pop("HuellaAnterior")

        id_emisor_factura = d.pop("IDEmisorFactura")

        id_emisor_factura_anterior = d.pop("IDEmisorFacturaAnterior")

        importe_total = d.pop("ImporteTotal")

        num_serie_factura = d.pop("NumSerieFactura")

        num_serie_factura_anterior = d.pop("NumSerieFacturaAnterior")

        tipo_factura = d.pop("TipoFactura")

        alta_fields = cls(
            cuota_total=cuota_total,
            fecha_expedicion_factura=fecha_expedicion_factura,
            fecha_expedicion_factura_anterior=fecha_expedicion_factura_anterior,
            fecha_hora_huso_gen_registro=fecha_hora_huso_gen_registro,
            huella=huella,
            huella_anterior=huella_anterior,
            id_emisor_factura=id_emisor_factura,
            id_emisor_factura_anterior=id_emisor_factura_anterior,
            importe_total=importe_total,
            num_serie_factura=num_serie_factura,
            num_serie_factura_anterior=num_serie_factura_anterior,
            tipo_factura=tipo_factura,
        )

        return alta_fields

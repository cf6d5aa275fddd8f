from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.record_flags_rechazo_previo_type_0 import RecordFlagsRechazoPrevioType0
from ..models.record_flags_sin_registro_previo_type_0 import RecordFlagsSinRegistroPrevioType0
from ..models.record_flags_subsanacion_type_0 import RecordFlagsSubsanacionType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordFlags")


@_attrs_define
class RecordFlags:
    """The operation's flags, where the record has them (anexo II 9.1 and 9.2): an alta de
    subsanación carries Subsanacion S; one after a rejection RechazoPrevio S or X.

        Attributes:
            rechazo_previo (None | RecordFlagsRechazoPrevioType0 | Unset):
            sin_registro_previo (None | RecordFlagsSinRegistroPrevioType0 | Unset):
            subsanacion (None | RecordFlagsSubsanacionType0 | Unset):
    """

    rechazo_previo: None | RecordFlagsRechazoPrevioType0 | Unset = UNSET
    sin_registro_previo: None | RecordFlagsSinRegistroPrevioType0 | Unset = UNSET
    subsanacion: None | RecordFlagsSubsanacionType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rechazo_previo: None | str | Unset
        if isinstance(self.rechazo_previo, Unset):
            rechazo_previo = UNSET
        elif isinstance(self.rechazo_previo, RecordFlagsRechazoPrevioType0):
            rechazo_previo = self.rechazo_previo.value
        else:
            rechazo_previo = self.rechazo_previo

        sin_registro_previo: None | str | Unset
        if isinstance(self.sin_registro_previo, Unset):
            sin_registro_previo = UNSET
        elif isinstance(self.sin_registro_previo, RecordFlagsSinRegistroPrevioType0):
            sin_registro_previo = self.sin_registro_previo.value
        else:
            sin_registro_previo = self.sin_registro_previo

        subsanacion: None | str | Unset
        if isinstance(self.subsanacion, Unset):
            subsanacion = UNSET
        elif isinstance(self.subsanacion, RecordFlagsSubsanacionType0):
            subsanacion = self.subsanacion.value
        else:
            subsanacion = self.subsanacion

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if rechazo_previo is not UNSET:
            field_dict["RechazoPrevio"] = rechazo_previo
        if sin_registro_previo is not UNSET:
            field_dict["SinRegistroPrevio"] = sin_registro_previo
        if subsanacion is not UNSET:
            field_dict["Subsanacion"] = subsanacion

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_rechazo_previo(data: object) -> None | RecordFlagsRechazoPrevioType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rechazo_previo_type_0 = RecordFlagsRechazoPrevioType0(data)

                return rechazo_previo_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFlagsRechazoPrevioType0 | Unset, data)

        rechazo_previo = _parse_rechazo_previo(d.pop("RechazoPrevio", UNSET))

        def _parse_sin_registro_previo(
            data: object,
        ) -> None | RecordFlagsSinRegistroPrevioType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sin_registro_previo_type_0 = RecordFlagsSinRegistroPrevioType0(data)

                return sin_registro_previo_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFlagsSinRegistroPrevioType0 | Unset, data)

        sin_registro_previo = _parse_sin_registro_previo(d.pop("SinRegistroPrevio", UNSET))

        def _parse_subsanacion(data: object) -> None | RecordFlagsSubsanacionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                subsanacion_type_0 = RecordFlagsSubsanacionType0(data)

                return subsanacion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFlagsSubsanacionType0 | Unset, data)

        subsanacion = _parse_subsanacion(d.pop("Subsanacion", UNSET))

        record_flags = cls(
            rechazo_previo=rechazo_previo,
            sin_registro_previo=sin_registro_previo,
            subsanacion=subsanacion,
        )

        return record_flags

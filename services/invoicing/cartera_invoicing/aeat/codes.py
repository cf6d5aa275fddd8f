"""The AEAT's published VERI*FACTU error codes that Cartera's client and simulator name.

Source: the AEAT's error list `errores.properties` (VERI*FACTU web service, "tikeV1.0"),
https://prewww2.aeat.es/static_files/common/internet/dep/aplicaciones/es/aeat/tikeV1.0/cont/ws/errores.properties
(also published on www2.agenciatributaria.gob.es; undated). The list has three groups, and the
group, not the number, says what a code does:

- codes that reject the whole request (4xxx and 35xx): the AEAT answers them, in practice, with
  a SOAP Fault whose `faultstring` starts "Codigo[NNNN]." (the format is not specified);
- codes that reject one record (1xxx, 3000-3004): the line's EstadoRegistro is "Incorrecto";
- codes that accept the record, to be corrected later (2000-2008): "AceptadoConErrores".

Only the codes named here are listed, with the AEAT's own wording.
"""

from __future__ import annotations

from typing import Literal

Group = Literal["request", "record", "accepted"]

# --- the whole request is refused ----------------------------------------------------------
SCHEMA = 4102  # El XML no cumple el esquema.
UNPARSEABLE = 4103  # error inesperado al parsear el XML
NOT_AUTHORISED = 4112  # the certificate's holder may not send for this issuer
TOO_MANY_RECORDS = 4114
NOT_UTF8 = 4119
REQUIREMENT_REFERENCE_MISSING = 4125
WRONG_ENDPOINT_FOR_REQUIREMENT = 4126
NOT_RECIPIENT = 4132
NO_GET = 4135
EMPTY_REQUEST = 4138
DATABASE_ERROR = 3501  # a technical error on the AEAT's side

# --- one record is refused -----------------------------------------------------------------
ISSUER_NOT_HEADER = 1108
PRIOR_REJECTION_X_WITHOUT_CORRECTION = 1153
PRIOR_REJECTION_S_WITHOUT_CORRECTION = 1161
DUPLICATE = 3000
ALREADY_CANCELLED = 3001
NOT_HELD = 3002

# --- the record is accepted with errors ----------------------------------------------------
WRONG_HUELLA = 2000
PREVIOUS_HUELLA_LENGTH = 2002
PREVIOUS_HUELLA_CONTENT = 2003
FIRST_RECORD_WITH_HISTORY = 2007
PREVIOUS_EQUALS_OWN = 2008

DESCRIPTIONS: dict[int, str] = {
    SCHEMA: "El XML no cumple el esquema. Falta informar campo obligatorio.",
    UNPARSEABLE: "Se ha producido un error inesperado al parsear el XML.",
    NOT_AUTHORISED: (
        "El titular del certificado debe ser Obligado Emisión, Colaborador Social, Apoderado o "
        "Sucesor."
    ),
    TOO_MANY_RECORDS: (
        "El XML no cumple con el esquema: se ha superado el límite máximo permitido de facturas "
        "a registrar."
    ),
    NOT_UTF8: "Error al informar caracteres cuya codificación no es UTF-8.",
    REQUIREMENT_REFERENCE_MISSING: (
        "Error en la cabecera: Si el envío es por requerimiento el campo RefRequerimiento es "
        "obligatorio."
    ),
    NOT_RECIPIENT: (
        "El titular del certificado debe ser el destinatario que realiza la consulta, un "
        "Apoderado o Sucesor"
    ),
    WRONG_ENDPOINT_FOR_REQUIREMENT: (
        "Error en la cabecera: el campo RefRequerimiento solo debe informarse en sistemas en "
        "remisiones al endpoint del servicio a usar para la contestación a requerimientos de "
        "registros de facturación."
    ),
    NO_GET: "Esta URL no puede ser utilizada mediante GET.",
    EMPTY_REQUEST: "Petición vacía en el XML",
    DATABASE_ERROR: "Error técnico de base de datos.",
    1104: "El valor del campo NumSerieFactura es incorrecto.",
    1105: "El valor del campo FechaExpedicionFactura es incorrecto.",
    ISSUER_NOT_HEADER: (
        "El NIF del IDEmisorFactura debe ser el mismo que el NIF del ObligadoEmision."
    ),
    PRIOR_REJECTION_X_WITHOUT_CORRECTION: (
        "Valor del campo RechazoPrevio no válido, solo podrá incluirse el campo RechazoPrevio con "
        "valor X si se ha informado el campo Subsanacion y tiene el valor S."
    ),
    PRIOR_REJECTION_S_WITHOUT_CORRECTION: (
        "El valor del campo RechazoPrevio no es válido, no podrá incluirse el campo RechazoPrevio "
        "con valor S si no se ha informado del campo Subsanacion o tiene el valor N."
    ),
    1210: (
        "El campo ImporteTotal tiene un valor incorrecto para el valor de los campos "
        "BaseImponibleOimporteNoSujeto, CuotaRepercutida y CuotaRecargoEquivalencia "
        "suministrados."
    ),
    DUPLICATE: "Registro de facturación duplicado.",
    ALREADY_CANCELLED: "El registro de facturación ya ha sido dado de baja.",
    NOT_HELD: "No existe el registro de facturación.",
    WRONG_HUELLA: "El cálculo de la huella suministrada es incorrecta.",
    2001: "El NIF del bloque Destinatarios no está identificado en el censo de la AEAT.",
    PREVIOUS_HUELLA_LENGTH: (
        "La longitud de huella del registro anterior no cumple con las especificaciones."
    ),
    PREVIOUS_HUELLA_CONTENT: (
        "El contenido de la huella del registro anterior no cumple con las especificaciones."
    ),
    2004: (
        "El valor del campo FechaHoraHusoGenRegistro debe ser la fecha actual del sistema de la "
        "AEAT, admitiéndose un margen de error."
    ),
    FIRST_RECORD_WITH_HISTORY: (
        "No debe informarse como primer registro, existen facturas emitidas con el obligado "
        "emisión y el sistema informático actual."
    ),
    PREVIOUS_EQUALS_OWN: (
        "El valor de la huella del registro anterior debe ser diferente a la huella del registro "
        "actual."
    ),
}


def group(code: int) -> Group:
    """What a code does, by the group of the AEAT's list it belongs to."""
    if 2000 <= code <= 2999:
        return "accepted"
    if 1000 <= code <= 1999 or 3000 <= code <= 3499:
        return "record"
    return "request"


def description(code: int) -> str:
    return DESCRIPTIONS.get(code, f"Error {code}.")

"""Contains all the data models used in inputs/outputs"""

from .abc_class import AbcClass
from .abc_classes import AbcClasses
from .account_mapping_answer import AccountMappingAnswer
from .account_mapping_answer_equivalence_accounts import AccountMappingAnswerEquivalenceAccounts
from .account_mapping_answer_output_tax_accounts import AccountMappingAnswerOutputTaxAccounts
from .account_mapping_in import AccountMappingIn
from .account_mapping_in_equivalence_accounts import AccountMappingInEquivalenceAccounts
from .account_mapping_in_output_tax_accounts import AccountMappingInOutputTaxAccounts
from .address import Address
from .aeat_record import AeatRecord
from .aging import Aging
from .aging_buckets import AgingBuckets
from .allocation import Allocation
from .alta_fields import AltaFields
from .analytics_alert import AnalyticsAlert
from .analytics_alert_kind import AnalyticsAlertKind
from .analytics_alert_list import AnalyticsAlertList
from .analytics_payment_behaviour import AnalyticsPaymentBehaviour
from .analytics_settings import AnalyticsSettings
from .analytics_settings_in import AnalyticsSettingsIn
from .answer_in import AnswerIn
from .answer_of import AnswerOf
from .answer_of_kind import AnswerOfKind
from .anulacion_fields import AnulacionFields
from .api_key import ApiKey
from .api_key_created import ApiKeyCreated
from .api_key_created_mode import ApiKeyCreatedMode
from .api_key_in import ApiKeyIn
from .api_key_in_mode_type_0 import ApiKeyInModeType0
from .api_key_list import ApiKeyList
from .api_key_mode import ApiKeyMode
from .apply_in import ApplyIn
from .assign_in import AssignIn
from .assign_in_create import AssignInCreate
from .bank_account import BankAccount
from .bank_statement import BankStatement
from .bank_statement_format import BankStatementFormat
from .behaviour import Behaviour
from .billing_evolution import BillingEvolution
from .billing_series import BillingSeries
from .billing_trend import BillingTrend
from .billing_trend_direction import BillingTrendDirection
from .box import Box
from .breakdown_read import BreakdownRead
from .bridge_client import BridgeClient
from .bridge_group import BridgeGroup
from .bridge_period import BridgePeriod
from .broken_link import BrokenLink
from .cancel_in import CancelIn
from .cancellation import Cancellation
from .cash_for_earlier_year import CashForEarlierYear
from .cash_forecast import CashForecast
from .cash_forecast_basis import CashForecastBasis
from .cash_in_week import CashInWeek
from .certificate_expiring_details import CertificateExpiringDetails
from .certificate_expiring_details_role import CertificateExpiringDetailsRole
from .certificate_read import CertificateRead
from .certificate_read_role_type_0 import CertificateReadRoleType0
from .chain_check_read import ChainCheckRead
from .chain_verification import ChainVerification
from .client_aging import ClientAging
from .client_at_risk import ClientAtRisk
from .client_behaviour import ClientBehaviour
from .client_billing_series import ClientBillingSeries
from .client_create import ClientCreate
from .client_create_kind import ClientCreateKind
from .client_history import ClientHistory
from .client_import_job import ClientImportJob
from .client_import_job_status import ClientImportJobStatus
from .client_import_row_applied import ClientImportRowApplied
from .client_import_row_applied_status import ClientImportRowAppliedStatus
from .client_import_row_refused import ClientImportRowRefused
from .client_page import ClientPage
from .client_payment_figures import ClientPaymentFigures
from .client_read import ClientRead
from .client_read_status import ClientReadStatus
from .client_replicas import ClientReplicas
from .client_replicas_replicas import ClientReplicasReplicas
from .client_risk import ClientRisk
from .client_satisfaction import ClientSatisfaction
from .client_status_change import ClientStatusChange
from .client_update import ClientUpdate
from .client_update_kind_type_0 import ClientUpdateKindType0
from .client_version import ClientVersion
from .client_version_state import ClientVersionState
from .client_version_state_status_type_0 import ClientVersionStateStatusType0
from .client_written import ClientWritten
from .client_written_status import ClientWrittenStatus
from .clients_at_risk import ClientsAtRisk
from .concentration_details import ConcentrationDetails
from .contact import Contact
from .convert_in import ConvertIn
from .creditor_in import CreditorIn
from .csat_figures import CsatFigures
from .current_caller import CurrentCaller
from .current_caller_role_type_0 import CurrentCallerRoleType0
from .current_half_year import CurrentHalfYear
from .debit_returned import DebitReturned
from .defaulter import Defaulter
from .defaulters import Defaulters
from .deferred_collection import DeferredCollection
from .deferred_collection_reason import DeferredCollectionReason
from .delivery import Delivery
from .delivery_list import DeliveryList
from .delivery_status import DeliveryStatus
from .desk import Desk
from .desk_line import DeskLine
from .desk_line_role_type_0 import DeskLineRoleType0
from .desk_line_unavailable_item import DeskLineUnavailableItem
from .difference import Difference
from .difference_kind import DifferenceKind
from .dir_3_codes import Dir3Codes
from .dismiss_in import DismissIn
from .document_page import DocumentPage
from .document_read import DocumentRead
from .document_read_kind import DocumentReadKind
from .due_date_read import DueDateRead
from .dunning_hold import DunningHold
from .dunning_level import DunningLevel
from .dunning_level_tone import DunningLevelTone
from .dunning_levels import DunningLevels
from .dunning_notice import DunningNotice
from .dunning_notice_page import DunningNoticePage
from .dunning_run import DunningRun
from .duplicate_candidate import DuplicateCandidate
from .entered_line import EnteredLine
from .expected_cash_in import ExpectedCashIn
from .export_accounting_format import ExportAccountingFormat
from .export_clients_format import ExportClientsFormat
from .export_clients_status_type_0 import ExportClientsStatusType0
from .fiscal_address import FiscalAddress
from .follow_up_agenda import FollowUpAgenda
from .follow_up_agenda_person import FollowUpAgendaPerson
from .follow_up_answer import FollowUpAnswer
from .follow_up_answer_status import FollowUpAnswerStatus
from .follow_up_in import FollowUpIn
from .follow_up_list import FollowUpList
from .follow_up_patch import FollowUpPatch
from .follow_up_patch_status_type_0 import FollowUpPatchStatusType0
from .forecast_excluded import ForecastExcluded
from .forecast_week import ForecastWeek
from .get_client_timeline_kind_type_0_item import GetClientTimelineKindType0Item
from .get_modelo_347_format_type_0 import GetModelo347FormatType0
from .here_record import HereRecord
from .here_record_kind import HereRecordKind
from .here_record_status import HereRecordStatus
from .hold_in import HoldIn
from .human_reason import HumanReason
from .human_reason_reason import HumanReasonReason
from .import_bank_statement_format_type_0 import ImportBankStatementFormatType0
from .import_clients_body import ImportClientsBody
from .imported_statement import ImportedStatement
from .imported_statement_format import ImportedStatementFormat
from .inbound_endpoints import InboundEndpoints
from .inbound_receipt import InboundReceipt
from .inbound_receipt_kind import InboundReceiptKind
from .inbound_receipt_status import InboundReceiptStatus
from .inbound_secret_answer import InboundSecretAnswer
from .instalment_interest import InstalmentInterest
from .instalment_owed import InstalmentOwed
from .instalment_state import InstalmentState
from .interaction_answer import InteractionAnswer
from .interaction_answer_channel import InteractionAnswerChannel
from .interaction_answer_direction import InteractionAnswerDirection
from .interaction_answer_outcome import InteractionAnswerOutcome
from .interaction_answer_source import InteractionAnswerSource
from .interaction_in import InteractionIn
from .interaction_in_channel import InteractionInChannel
from .interaction_in_direction import InteractionInDirection
from .interaction_in_outcome import InteractionInOutcome
from .interaction_page import InteractionPage
from .invitation import Invitation
from .invitation_accept import InvitationAccept
from .invitation_role import InvitationRole
from .invitation_status import InvitationStatus
from .invoice_batch_in import InvoiceBatchIn
from .invoice_batch_read import InvoiceBatchRead
from .invoice_create import InvoiceCreate
from .invoice_page import InvoicePage
from .invoice_read import InvoiceRead
from .invoice_read_status import InvoiceReadStatus
from .invoice_read_verifactu_status_type_0 import InvoiceReadVerifactuStatusType0
from .invoice_record import InvoiceRecord
from .invoice_record_kind import InvoiceRecordKind
from .invoice_record_status import InvoiceRecordStatus
from .invoice_records import InvoiceRecords
from .invoice_records_status import InvoiceRecordsStatus
from .invoice_registration import InvoiceRegistration
from .invoice_registration_kind import InvoiceRegistrationKind
from .invoice_registration_status import InvoiceRegistrationStatus
from .invoice_registration_submission_status import InvoiceRegistrationSubmissionStatus
from .invoice_risk import InvoiceRisk
from .invoice_update import InvoiceUpdate
from .invoice_verifactu import InvoiceVerifactu
from .invoice_verifactu_kind import InvoiceVerifactuKind
from .invoice_verifactu_status import InvoiceVerifactuStatus
from .irpf_withheld import IrpfWithheld
from .irpf_withheld_modelo import IrpfWithheldModelo
from .issued_in_batch import IssuedInBatch
from .issued_in_batch_status import IssuedInBatchStatus
from .issuer_in import IssuerIn
from .issuer_in_simplified_invoice_activity_type_0 import IssuerInSimplifiedInvoiceActivityType0
from .issuer_read import IssuerRead
from .issuer_read_simplified_invoice_activity_type_0 import IssuerReadSimplifiedInvoiceActivityType0
from .issuer_reconciliation import IssuerReconciliation
from .late_amount import LateAmount
from .late_interest_claim import LateInterestClaim
from .late_payer_details import LatePayerDetails
from .late_payment_law import LatePaymentLaw
from .late_payment_risk import LatePaymentRisk
from .level_in import LevelIn
from .level_in_tone import LevelInTone
from .levels_in import LevelsIn
from .line_counts import LineCounts
from .line_in import LineIn
from .line_read import LineRead
from .list_alerts_kind_type_0 import ListAlertsKindType0
from .list_client_documents_kind_type_0 import ListClientDocumentsKindType0
from .list_clients_kind_type_0 import ListClientsKindType0
from .list_clients_sort import ListClientsSort
from .list_clients_status_type_0 import ListClientsStatusType0
from .list_dunning_notices_order import ListDunningNoticesOrder
from .list_follow_ups_status_type_0 import ListFollowUpsStatusType0
from .list_interactions_channel_type_0 import ListInteractionsChannelType0
from .list_interactions_outcome_type_0 import ListInteractionsOutcomeType0
from .list_invoices_order import ListInvoicesOrder
from .list_invoices_status_type_0 import ListInvoicesStatusType0
from .list_payments_order import ListPaymentsOrder
from .list_receivables_order import ListReceivablesOrder
from .list_receivables_status_type_0_item import ListReceivablesStatusType0Item
from .list_requests_priority_type_0 import ListRequestsPriorityType0
from .list_requests_status_type_0 import ListRequestsStatusType0
from .list_statement_lines_status_type_0_item import ListStatementLinesStatusType0Item
from .list_surveys_kind_type_0 import ListSurveysKindType0
from .list_triage_items_status_type_0 import ListTriageItemsStatusType0
from .list_verifactu_records_order import ListVerifactuRecordsOrder
from .list_verifactu_records_status_type_0 import ListVerifactuRecordsStatusType0
from .mandate import Mandate
from .mandate_in import MandateIn
from .member import Member
from .member_invite import MemberInvite
from .member_invite_role import MemberInviteRole
from .member_list import MemberList
from .member_role import MemberRole
from .member_status import MemberStatus
from .mode_in import ModeIn
from .mode_in_mode import ModeInMode
from .modelo_347 import Modelo347
from .modelo_347_counterparty import Modelo347Counterparty
from .modelo_347_figures import Modelo347Figures
from .modelo_347_quarters import Modelo347Quarters
from .month_to_date import MonthToDate
from .monthly_billing import MonthlyBilling
from .nps_figures import NpsFigures
from .on_time_month import OnTimeMonth
from .on_time_trend import OnTimeTrend
from .on_time_trend_direction import OnTimeTrendDirection
from .operator_summary import OperatorSummary
from .overdue_aging import OverdueAging
from .overdue_figures import OverdueFigures
from .overdue_run import OverdueRun
from .owner import Owner
from .password_change import PasswordChange
from .password_reset import PasswordReset
from .password_reset_sent import PasswordResetSent
from .payment import Payment
from .payment_behaviour import PaymentBehaviour
from .payment_figures import PaymentFigures
from .payment_in import PaymentIn
from .payment_in_method import PaymentInMethod
from .payment_page import PaymentPage
from .payment_terms import PaymentTerms
from .place import Place
from .place_role import PlaceRole
from .portfolio import Portfolio
from .portfolio_client import PortfolioClient
from .portfolio_client_abc import PortfolioClientAbc
from .portfolio_concentration import PortfolioConcentration
from .portfolio_totals import PortfolioTotals
from .printed_address import PrintedAddress
from .printed_dir_3 import PrintedDir3
from .printed_party import PrintedParty
from .problem_details import ProblemDetails
from .problem_details_errors_item import ProblemDetailsErrorsItem
from .public_survey import PublicSurvey
from .public_survey_kind import PublicSurveyKind
from .quote_in import QuoteIn
from .quote_list import QuoteList
from .quote_read import QuoteRead
from .quote_read_status import QuoteReadStatus
from .quote_totals import QuoteTotals
from .rate_figures import RateFigures
from .rate_missing import RateMissing
from .rate_period import RatePeriod
from .receivable import Receivable
from .receivable_page import ReceivablePage
from .receivable_status import ReceivableStatus
from .receive_inbound_message_data_body import ReceiveInboundMessageDataBody
from .receive_inbound_message_json_generic_message import ReceiveInboundMessageJsonGenericMessage
from .receive_inbound_message_json_generic_message_channel import (
    ReceiveInboundMessageJsonGenericMessageChannel,
)
from .receive_inbound_message_json_generic_message_create_type_0 import (
    ReceiveInboundMessageJsonGenericMessageCreateType0,
)
from .receive_inbound_message_provider import ReceiveInboundMessageProvider
from .reconciliation import Reconciliation
from .record_correction import RecordCorrection
from .record_correction_kind import RecordCorrectionKind
from .record_correction_status import RecordCorrectionStatus
from .record_flags import RecordFlags
from .record_flags_rechazo_previo_type_0 import RecordFlagsRechazoPrevioType0
from .record_flags_sin_registro_previo_type_0 import RecordFlagsSinRegistroPrevioType0
from .record_flags_subsanacion_type_0 import RecordFlagsSubsanacionType0
from .record_listed import RecordListed
from .record_listed_kind import RecordListedKind
from .record_listed_status import RecordListedStatus
from .record_page import RecordPage
from .record_summary import RecordSummary
from .record_summary_sending_blocked_type_0 import RecordSummarySendingBlockedType0
from .rectification import Rectification
from .rectification_kind import RectificationKind
from .rectification_ref import RectificationRef
from .rectification_ref_kind import RectificationRefKind
from .rectifications import Rectifications
from .rectified_invoice import RectifiedInvoice
from .rectify_in import RectifyIn
from .rectify_in_kind import RectifyInKind
from .rectify_in_type import RectifyInType
from .recurring_in import RecurringIn
from .recurring_in_frequency import RecurringInFrequency
from .recurring_list import RecurringList
from .recurring_read import RecurringRead
from .recurring_read_frequency import RecurringReadFrequency
from .recurring_run_read import RecurringRunRead
from .recurring_run_result import RecurringRunResult
from .recurring_update import RecurringUpdate
from .remittance import Remittance
from .remittance_confirmed import RemittanceConfirmed
from .remittance_in import RemittanceIn
from .replica_state import ReplicaState
from .representative_in import RepresentativeIn
from .representative_list import RepresentativeList
from .representative_read import RepresentativeRead
from .request_answer import RequestAnswer
from .request_answer_channel_type_0 import RequestAnswerChannelType0
from .request_answer_priority import RequestAnswerPriority
from .request_answer_status import RequestAnswerStatus
from .request_history_step import RequestHistoryStep
from .request_history_step_from_type_0 import RequestHistoryStepFromType0
from .request_history_step_to import RequestHistoryStepTo
from .request_in import RequestIn
from .request_in_channel_type_0 import RequestInChannelType0
from .request_in_priority import RequestInPriority
from .request_page import RequestPage
from .request_patch import RequestPatch
from .request_patch_priority_type_0 import RequestPatchPriorityType0
from .request_status_answer import RequestStatusAnswer
from .request_status_answer_channel_type_0 import RequestStatusAnswerChannelType0
from .request_status_answer_priority import RequestStatusAnswerPriority
from .request_status_answer_status import RequestStatusAnswerStatus
from .request_with_history import RequestWithHistory
from .request_with_history_channel_type_0 import RequestWithHistoryChannelType0
from .request_with_history_priority import RequestWithHistoryPriority
from .request_with_history_status import RequestWithHistoryStatus
from .return_in import ReturnIn
from .returned_debit import ReturnedDebit
from .returned_debit_list import ReturnedDebitList
from .revenue_bridge import RevenueBridge
from .reversal_in import ReversalIn
from .risk_model import RiskModel
from .risk_model_weights import RiskModelWeights
from .risk_reason import RiskReason
from .risk_reason_item import RiskReasonItem
from .risk_reason_item_feature import RiskReasonItemFeature
from .risk_reason_rule import RiskReasonRule
from .satisfaction import Satisfaction
from .satisfaction_figures import SatisfactionFigures
from .satisfaction_month import SatisfactionMonth
from .satisfaction_trend import SatisfactionTrend
from .satisfaction_trend_csat import SatisfactionTrendCsat
from .satisfaction_trend_nps import SatisfactionTrendNps
from .sepa_creditor import SepaCreditor
from .series_create import SeriesCreate
from .series_create_kind import SeriesCreateKind
from .series_page import SeriesPage
from .series_read import SeriesRead
from .series_read_kind import SeriesReadKind
from .sign_in import SignIn
from .sign_in_session import SignInSession
from .signed_in import SignedIn
from .signed_in_role_type_0 import SignedInRoleType0
from .sla_hours import SlaHours
from .sla_policy_answer import SlaPolicyAnswer
from .sla_policy_in import SlaPolicyIn
from .statement_account import StatementAccount
from .statement_line import StatementLine
from .statement_line_status import StatementLineStatus
from .statement_lines import StatementLines
from .statement_list import StatementList
from .statement_summary import StatementSummary
from .statement_summary_format import StatementSummaryFormat
from .status_in import StatusIn
from .status_in_status import StatusInStatus
from .statutory_rate import StatutoryRate
from .statutory_rates import StatutoryRates
from .stored_address import StoredAddress
from .stored_bank_account import StoredBankAccount
from .stored_contact import StoredContact
from .stored_dir_3 import StoredDir3
from .stored_payment_terms import StoredPaymentTerms
from .stored_tax_treatment import StoredTaxTreatment
from .stored_tax_treatment_vat_regime_type_0 import StoredTaxTreatmentVatRegimeType0
from .subscription import Subscription
from .subscription_created import SubscriptionCreated
from .subscription_in import SubscriptionIn
from .subscription_list import SubscriptionList
from .subscription_patch import SubscriptionPatch
from .survey_answer import SurveyAnswer
from .survey_answer_kind import SurveyAnswerKind
from .survey_answer_status import SurveyAnswerStatus
from .survey_answered import SurveyAnswered
from .survey_answered_kind import SurveyAnsweredKind
from .survey_in import SurveyIn
from .survey_in_kind import SurveyInKind
from .survey_link import SurveyLink
from .survey_list import SurveyList
from .survey_scale import SurveyScale
from .survey_with_link import SurveyWithLink
from .survey_with_link_kind import SurveyWithLinkKind
from .survey_with_link_status import SurveyWithLinkStatus
from .switch_tenant import SwitchTenant
from .tax_figures import TaxFigures
from .tax_summary import TaxSummary
from .tax_treatment import TaxTreatment
from .tax_treatment_vat_regime import TaxTreatmentVatRegime
from .tenant_admin import TenantAdmin
from .tenant_choice import TenantChoice
from .tenant_create import TenantCreate
from .tenant_created import TenantCreated
from .tenant_terms import TenantTerms
from .timeline_details import TimelineDetails
from .timeline_details_category_type_0 import TimelineDetailsCategoryType0
from .timeline_details_direction_type_0 import TimelineDetailsDirectionType0
from .timeline_details_kind_type_0 import TimelineDetailsKindType0
from .timeline_due_date import TimelineDueDate
from .timeline_entry import TimelineEntry
from .timeline_entry_kind import TimelineEntryKind
from .timeline_page import TimelinePage
from .timeline_rectified import TimelineRectified
from .timeline_ref import TimelineRef
from .timeline_ref_type import TimelineRefType
from .top_client_drop_details import TopClientDropDetails
from .totals_read import TotalsRead
from .triage_item import TriageItem
from .triage_item_channel import TriageItemChannel
from .triage_item_provider import TriageItemProvider
from .triage_item_reason import TriageItemReason
from .triage_item_resolved_kind_type_0 import TriageItemResolvedKindType0
from .triage_item_status import TriageItemStatus
from .triage_item_wanted import TriageItemWanted
from .triage_list import TriageList
from .upload_client_document_body import UploadClientDocumentBody
from .upload_client_document_body_kind import UploadClientDocumentBodyKind
from .upload_issuer_certificate_body import UploadIssuerCertificateBody
from .urban_rent import UrbanRent
from .user import User
from .user_in import UserIn
from .user_in_role import UserInRole
from .user_list import UserList
from .user_patch import UserPatch
from .user_patch_role_type_0 import UserPatchRoleType0
from .user_patch_status_type_0 import UserPatchStatusType0
from .user_role import UserRole
from .user_status import UserStatus
from .verifactu_error import VerifactuError
from .verifactu_figures import VerifactuFigures
from .verifactu_figures_sending_blocked_type_0 import VerifactuFiguresSendingBlockedType0
from .verifactu_mode import VerifactuMode
from .verifactu_mode_mode import VerifactuModeMode
from .withholding_read import WithholdingRead

__all__ = (
    "AbcClass",
    "AbcClasses",
    "AccountMappingAnswer",
    "AccountMappingAnswerEquivalenceAccounts",
    "AccountMappingAnswerOutputTaxAccounts",
    "AccountMappingIn",
    "AccountMappingInEquivalenceAccounts",
    "AccountMappingInOutputTaxAccounts",
    "Address",
    "AeatRecord",
    "Aging",
    "AgingBuckets",
    "Allocation",
    "AltaFields",
    "AnalyticsAlert",
    "AnalyticsAlertKind",
    "AnalyticsAlertList",
    "AnalyticsPaymentBehaviour",
    "AnalyticsSettings",
    "AnalyticsSettingsIn",
    "AnswerIn",
    "AnswerOf",
    "AnswerOfKind",
    "AnulacionFields",
    "ApiKey",
    "ApiKeyCreated",
    "ApiKeyCreatedMode",
    "ApiKeyIn",
    "ApiKeyInModeType0",
    "ApiKeyList",
    "ApiKeyMode",
    "ApplyIn",
    "AssignIn",
    "AssignInCreate",
    "BankAccount",
    "BankStatement",
    "BankStatementFormat",
    "Behaviour",
    "BillingEvolution",
    "BillingSeries",
    "BillingTrend",
    "BillingTrendDirection",
    "Box",
    "BreakdownRead",
    "BridgeClient",
    "BridgeGroup",
    "BridgePeriod",
    "BrokenLink",
    "CancelIn",
    "Cancellation",
    "CashForEarlierYear",
    "CashForecast",
    "CashForecastBasis",
    "CashInWeek",
    "CertificateExpiringDetails",
    "CertificateExpiringDetailsRole",
    "CertificateRead",
    "CertificateReadRoleType0",
    "ChainCheckRead",
    "ChainVerification",
    "ClientAging",
    "ClientAtRisk",
    "ClientBehaviour",
    "ClientBillingSeries",
    "ClientCreate",
    "ClientCreateKind",
    "ClientHistory",
    "ClientImportJob",
    "ClientImportJobStatus",
    "ClientImportRowApplied",
    "ClientImportRowAppliedStatus",
    "ClientImportRowRefused",
    "ClientPage",
    "ClientPaymentFigures",
    "ClientRead",
    "ClientReadStatus",
    "ClientReplicas",
    "ClientReplicasReplicas",
    "ClientRisk",
    "ClientSatisfaction",
    "ClientsAtRisk",
    "ClientStatusChange",
    "ClientUpdate",
    "ClientUpdateKindType0",
    "ClientVersion",
    "ClientVersionState",
    "ClientVersionStateStatusType0",
    "ClientWritten",
    "ClientWrittenStatus",
    "ConcentrationDetails",
    "Contact",
    "ConvertIn",
    "CreditorIn",
    "CsatFigures",
    "CurrentCaller",
    "CurrentCallerRoleType0",
    "CurrentHalfYear",
    "DebitReturned",
    "Defaulter",
    "Defaulters",
    "DeferredCollection",
    "DeferredCollectionReason",
    "Delivery",
    "DeliveryList",
    "DeliveryStatus",
    "Desk",
    "DeskLine",
    "DeskLineRoleType0",
    "DeskLineUnavailableItem",
    "Difference",
    "DifferenceKind",
    "Dir3Codes",
    "DismissIn",
    "DocumentPage",
    "DocumentRead",
    "DocumentReadKind",
    "DueDateRead",
    "DunningHold",
    "DunningLevel",
    "DunningLevels",
    "DunningLevelTone",
    "DunningNotice",
    "DunningNoticePage",
    "DunningRun",
    "DuplicateCandidate",
    "EnteredLine",
    "ExpectedCashIn",
    "ExportAccountingFormat",
    "ExportClientsFormat",
    "ExportClientsStatusType0",
    "FiscalAddress",
    "FollowUpAgenda",
    "FollowUpAgendaPerson",
    "FollowUpAnswer",
    "FollowUpAnswerStatus",
    "FollowUpIn",
    "FollowUpList",
    "FollowUpPatch",
    "FollowUpPatchStatusType0",
    "ForecastExcluded",
    "ForecastWeek",
    "GetClientTimelineKindType0Item",
    "GetModelo347FormatType0",
    "HereRecord",
    "HereRecordKind",
    "HereRecordStatus",
    "HoldIn",
    "HumanReason",
    "HumanReasonReason",
    "ImportBankStatementFormatType0",
    "ImportClientsBody",
    "ImportedStatement",
    "ImportedStatementFormat",
    "InboundEndpoints",
    "InboundReceipt",
    "InboundReceiptKind",
    "InboundReceiptStatus",
    "InboundSecretAnswer",
    "InstalmentInterest",
    "InstalmentOwed",
    "InstalmentState",
    "InteractionAnswer",
    "InteractionAnswerChannel",
    "InteractionAnswerDirection",
    "InteractionAnswerOutcome",
    "InteractionAnswerSource",
    "InteractionIn",
    "InteractionInChannel",
    "InteractionInDirection",
    "InteractionInOutcome",
    "InteractionPage",
    "Invitation",
    "InvitationAccept",
    "InvitationRole",
    "InvitationStatus",
    "InvoiceBatchIn",
    "InvoiceBatchRead",
    "InvoiceCreate",
    "InvoicePage",
    "InvoiceRead",
    "InvoiceReadStatus",
    "InvoiceReadVerifactuStatusType0",
    "InvoiceRecord",
    "InvoiceRecordKind",
    "InvoiceRecords",
    "InvoiceRecordsStatus",
    "InvoiceRecordStatus",
    "InvoiceRegistration",
    "InvoiceRegistrationKind",
    "InvoiceRegistrationStatus",
    "InvoiceRegistrationSubmissionStatus",
    "InvoiceRisk",
    "InvoiceUpdate",
    "InvoiceVerifactu",
    "InvoiceVerifactuKind",
    "InvoiceVerifactuStatus",
    "IrpfWithheld",
    "IrpfWithheldModelo",
    "IssuedInBatch",
    "IssuedInBatchStatus",
    "IssuerIn",
    "IssuerInSimplifiedInvoiceActivityType0",
    "IssuerRead",
    "IssuerReadSimplifiedInvoiceActivityType0",
    "IssuerReconciliation",
    "LateAmount",
    "LateInterestClaim",
    "LatePayerDetails",
    "LatePaymentLaw",
    "LatePaymentRisk",
    "LevelIn",
    "LevelInTone",
    "LevelsIn",
    "LineCounts",
    "LineIn",
    "LineRead",
    "ListAlertsKindType0",
    "ListClientDocumentsKindType0",
    "ListClientsKindType0",
    "ListClientsSort",
    "ListClientsStatusType0",
    "ListDunningNoticesOrder",
    "ListFollowUpsStatusType0",
    "ListInteractionsChannelType0",
    "ListInteractionsOutcomeType0",
    "ListInvoicesOrder",
    "ListInvoicesStatusType0",
    "ListPaymentsOrder",
    "ListReceivablesOrder",
    "ListReceivablesStatusType0Item",
    "ListRequestsPriorityType0",
    "ListRequestsStatusType0",
    "ListStatementLinesStatusType0Item",
    "ListSurveysKindType0",
    "ListTriageItemsStatusType0",
    "ListVerifactuRecordsOrder",
    "ListVerifactuRecordsStatusType0",
    "Mandate",
    "MandateIn",
    "Member",
    "MemberInvite",
    "MemberInviteRole",
    "MemberList",
    "MemberRole",
    "MemberStatus",
    "ModeIn",
    "ModeInMode",
    "Modelo347",
    "Modelo347Counterparty",
    "Modelo347Figures",
    "Modelo347Quarters",
    "MonthlyBilling",
    "MonthToDate",
    "NpsFigures",
    "OnTimeMonth",
    "OnTimeTrend",
    "OnTimeTrendDirection",
    "OperatorSummary",
    "OverdueAging",
    "OverdueFigures",
    "OverdueRun",
    "Owner",
    "PasswordChange",
    "PasswordReset",
    "PasswordResetSent",
    "Payment",
    "PaymentBehaviour",
    "PaymentFigures",
    "PaymentIn",
    "PaymentInMethod",
    "PaymentPage",
    "PaymentTerms",
    "Place",
    "PlaceRole",
    "Portfolio",
    "PortfolioClient",
    "PortfolioClientAbc",
    "PortfolioConcentration",
    "PortfolioTotals",
    "PrintedAddress",
    "PrintedDir3",
    "PrintedParty",
    "ProblemDetails",
    "ProblemDetailsErrorsItem",
    "PublicSurvey",
    "PublicSurveyKind",
    "QuoteIn",
    "QuoteList",
    "QuoteRead",
    "QuoteReadStatus",
    "QuoteTotals",
    "RateFigures",
    "RateMissing",
    "RatePeriod",
    "Receivable",
    "ReceivablePage",
    "ReceivableStatus",
    "ReceiveInboundMessageDataBody",
    "ReceiveInboundMessageJsonGenericMessage",
    "ReceiveInboundMessageJsonGenericMessageChannel",
    "ReceiveInboundMessageJsonGenericMessageCreateType0",
    "ReceiveInboundMessageProvider",
    "Reconciliation",
    "RecordCorrection",
    "RecordCorrectionKind",
    "RecordCorrectionStatus",
    "RecordFlags",
    "RecordFlagsRechazoPrevioType0",
    "RecordFlagsSinRegistroPrevioType0",
    "RecordFlagsSubsanacionType0",
    "RecordListed",
    "RecordListedKind",
    "RecordListedStatus",
    "RecordPage",
    "RecordSummary",
    "RecordSummarySendingBlockedType0",
    "Rectification",
    "RectificationKind",
    "RectificationRef",
    "RectificationRefKind",
    "Rectifications",
    "RectifiedInvoice",
    "RectifyIn",
    "RectifyInKind",
    "RectifyInType",
    "RecurringIn",
    "RecurringInFrequency",
    "RecurringList",
    "RecurringRead",
    "RecurringReadFrequency",
    "RecurringRunRead",
    "RecurringRunResult",
    "RecurringUpdate",
    "Remittance",
    "RemittanceConfirmed",
    "RemittanceIn",
    "ReplicaState",
    "RepresentativeIn",
    "RepresentativeList",
    "RepresentativeRead",
    "RequestAnswer",
    "RequestAnswerChannelType0",
    "RequestAnswerPriority",
    "RequestAnswerStatus",
    "RequestHistoryStep",
    "RequestHistoryStepFromType0",
    "RequestHistoryStepTo",
    "RequestIn",
    "RequestInChannelType0",
    "RequestInPriority",
    "RequestPage",
    "RequestPatch",
    "RequestPatchPriorityType0",
    "RequestStatusAnswer",
    "RequestStatusAnswerChannelType0",
    "RequestStatusAnswerPriority",
    "RequestStatusAnswerStatus",
    "RequestWithHistory",
    "RequestWithHistoryChannelType0",
    "RequestWithHistoryPriority",
    "RequestWithHistoryStatus",
    "ReturnedDebit",
    "ReturnedDebitList",
    "ReturnIn",
    "RevenueBridge",
    "ReversalIn",
    "RiskModel",
    "RiskModelWeights",
    "RiskReason",
    "RiskReasonItem",
    "RiskReasonItemFeature",
    "RiskReasonRule",
    "Satisfaction",
    "SatisfactionFigures",
    "SatisfactionMonth",
    "SatisfactionTrend",
    "SatisfactionTrendCsat",
    "SatisfactionTrendNps",
    "SepaCreditor",
    "SeriesCreate",
    "SeriesCreateKind",
    "SeriesPage",
    "SeriesRead",
    "SeriesReadKind",
    "SignedIn",
    "SignedInRoleType0",
    "SignIn",
    "SignInSession",
    "SlaHours",
    "SlaPolicyAnswer",
    "SlaPolicyIn",
    "StatementAccount",
    "StatementLine",
    "StatementLines",
    "StatementLineStatus",
    "StatementList",
    "StatementSummary",
    "StatementSummaryFormat",
    "StatusIn",
    "StatusInStatus",
    "StatutoryRate",
    "StatutoryRates",
    "StoredAddress",
    "StoredBankAccount",
    "StoredContact",
    "StoredDir3",
    "StoredPaymentTerms",
    "StoredTaxTreatment",
    "StoredTaxTreatmentVatRegimeType0",
    "Subscription",
    "SubscriptionCreated",
    "SubscriptionIn",
    "SubscriptionList",
    "SubscriptionPatch",
    "SurveyAnswer",
    "SurveyAnswered",
    "SurveyAnsweredKind",
    "SurveyAnswerKind",
    "SurveyAnswerStatus",
    "SurveyIn",
    "SurveyInKind",
    "SurveyLink",
    "SurveyList",
    "SurveyScale",
    "SurveyWithLink",
    "SurveyWithLinkKind",
    "SurveyWithLinkStatus",
    "SwitchTenant",
    "TaxFigures",
    "TaxSummary",
    "TaxTreatment",
    "TaxTreatmentVatRegime",
    "TenantAdmin",
    "TenantChoice",
    "TenantCreate",
    "TenantCreated",
    "TenantTerms",
    "TimelineDetails",
    "TimelineDetailsCategoryType0",
    "TimelineDetailsDirectionType0",
    "TimelineDetailsKindType0",
    "TimelineDueDate",
    "TimelineEntry",
    "TimelineEntryKind",
    "TimelinePage",
    "TimelineRectified",
    "TimelineRef",
    "TimelineRefType",
    "TopClientDropDetails",
    "TotalsRead",
    "TriageItem",
    "TriageItemChannel",
    "TriageItemProvider",
    "TriageItemReason",
    "TriageItemResolvedKindType0",
    "TriageItemStatus",
    "TriageItemWanted",
    "TriageList",
    "UploadClientDocumentBody",
    "UploadClientDocumentBodyKind",
    "UploadIssuerCertificateBody",
    "UrbanRent",
    "User",
    "UserIn",
    "UserInRole",
    "UserList",
    "UserPatch",
    "UserPatchRoleType0",
    "UserPatchStatusType0",
    "UserRole",
    "UserStatus",
    "VerifactuError",
    "VerifactuFigures",
    "VerifactuFiguresSendingBlockedType0",
    "VerifactuMode",
    "VerifactuModeMode",
    "WithholdingRead",
)

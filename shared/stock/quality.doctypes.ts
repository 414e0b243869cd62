/**
 * Quality inspection document types.
 *
 * InspectionTemplate: the parameters to check for an item (numeric ones with a min/max and a
 * unit, or accept/reject ones judged by the inspector). Master data, shared.
 *
 * QualityInspection: the compliance record of one inspection of one item of a purchase
 * receipt (incoming) or a delivery note (outgoing): the sample readings, the accepted and
 * rejected quantities (stock unit), who inspected and when. Submitted inspections never change
 * (the kernel refuses edits of submitted documents) and cannot be cancelled once the receipt
 * they decided has been posted. For an item with `Item.inspectionRequired`, the receipt cannot
 * be submitted without a submitted inspection, and its accepted quantity goes to the line's
 * warehouse and its rejected quantity to the rejected warehouse (purchasing.behaviour.ts).
 */
import type { DocTypeDef } from '../kernel/doctype';

export const PARAMETER_KINDS = ['numeric', 'accept_reject'] as const;
export const INSPECTION_TYPES = ['incoming', 'outgoing'] as const;
export const INSPECTION_RESULTS = ['accepted', 'partly_accepted', 'not_accepted'] as const;

const parameterFields = [
  /** What is measured or checked ("Moisture", "Seal intact"). */
  { name: 'parameter', type: 'data', required: true, maxLength: 140 },
  { name: 'kind', type: 'select', options: PARAMETER_KINDS, default: 'numeric' },
  /** Lowest acceptable reading ('' = no lower bound); numeric parameters only. */
  { name: 'minValue', type: 'decimal', default: '' },
  /** Highest acceptable reading ('' = no upper bound); numeric parameters only. */
  { name: 'maxValue', type: 'decimal', default: '' },
  { name: 'unit', type: 'data', maxLength: 16 },
] as const;

export const InspectionTemplate = {
  name: 'InspectionTemplate',
  table: 'inspection_templates',
  module: 'stock',
  submittable: false,
  ownership: 'shared',
  naming: { field: 'templateName' },
  titleField: 'templateName',
  icon: 'clipboard-check',
  fields: [
    { name: 'templateName', type: 'data', required: true, maxLength: 140 },
    /** The item this template is for ('' = any item). */
    { name: 'item', type: 'link', link: 'Item' },
    { name: 'parameters', type: 'table', required: true, fields: parameterFields },
    { name: 'remarks', type: 'text', maxLength: 1000 },
  ],
  listColumns: ['templateName', 'item'],
  searchFields: ['templateName'],
  indexes: ['item'],
} as const satisfies DocTypeDef;

export const QualityInspection = {
  name: 'QualityInspection',
  table: 'quality_inspections',
  module: 'stock',
  submittable: true,
  ownership: 'branch',
  naming: { series: 'QI' },
  titleField: 'number',
  icon: 'clipboard-check',
  fields: [
    /** incoming = of a purchase receipt; outgoing = of a delivery note. */
    { name: 'inspectionType', type: 'select', options: INSPECTION_TYPES, default: 'incoming' },
    { name: 'purchaseReceipt', type: 'link', link: 'PurchaseReceipt' },
    { name: 'deliveryNote', type: 'link', link: 'DeliveryNote' },
    { name: 'item', type: 'link', link: 'Item', required: true },
    /** Template whose parameters fill the readings when the readings are empty. */
    { name: 'template', type: 'link', link: 'InspectionTemplate' },
    /** Date of the inspection; defaults to today. */
    { name: 'inspectionDate', type: 'date' },
    /** Quantity inspected (stock unit): the item's quantity on the document (computed). */
    { name: 'inspectedQty', type: 'decimal', readOnly: true },
    /** Stock unit; accepted + rejected = inspected quantity. */
    { name: 'acceptedQty', type: 'decimal', default: '' },
    { name: 'rejectedQty', type: 'decimal', default: '' },
    {
      name: 'readings',
      type: 'table',
      fields: [
        ...parameterFields,
        /** Measured value (numeric parameters). */
        { name: 'reading', type: 'decimal', default: '' },
        /** The inspector's verdict (accept/reject parameters). */
        { name: 'passed', type: 'check' },
        /** Computed: the reading is outside min/max, or an accept/reject parameter failed. */
        { name: 'outOfRange', type: 'check', readOnly: true },
      ],
    },
    /** Computed: some reading is out of range (the inspection is flagged). */
    { name: 'flagged', type: 'check', readOnly: true },
    { name: 'result', type: 'select', options: INSPECTION_RESULTS, readOnly: true },
    /** Who inspected: the user who submitted (name and id, set by the service). */
    { name: 'inspector', type: 'data', readOnly: true, maxLength: 140 },
    { name: 'inspectorId', type: 'data', readOnly: true, hidden: true, maxLength: 40 },
    /** When the inspection was submitted (ISO, set by the service). */
    { name: 'inspectedAt', type: 'datetime', readOnly: true },
    { name: 'remarks', type: 'text', maxLength: 2000 },
    { name: 'amendedFrom', type: 'data', readOnly: true, hidden: true },
  ],
  listColumns: ['number', 'inspectionType', 'item', 'purchaseReceipt', 'inspectionDate', 'result', 'flagged'],
  searchFields: ['remarks'],
  indexes: ['purchaseReceipt', 'deliveryNote', 'item', 'inspectionDate'],
} as const satisfies DocTypeDef;

/**
 * Generic, declaration-driven form of one document. Keyboard first: Enter moves to the next
 * field (not in text areas or open dropdowns), Ctrl+S saves, Ctrl+Enter submits. Every write
 * goes through the application services (createDoc / updateDoc with the loaded `_rev` for
 * optimistic concurrency / submitDoc / cancelDoc / amendDoc / deleteDoc); a DomainError's issues
 * are shown under their fields, anything else as a notification. Submitted and cancelled
 * documents render read-only.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Center, Grid, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  amendDoc, cancelDoc, createDoc, deleteDoc, fieldLabelKey, getDoc, getDocType, isDomainError, issueMessage, redact, submitDoc, updateDoc,
  type BaseRecord, type FieldIssue,
} from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { FieldControl } from './FieldControl';
import { ChildTable } from './ChildTable';
import { CancelDialog, DeleteDialog, RequestChangeDialog } from './DocFormDialogs';
import { requestChange } from '../../shared/sync/change-requests';
import { DocFormHeader } from './DocFormHeader';
import { AttachmentsPanel } from './AttachmentsPanel';
import { formPanels } from './form-panels';
import { groupIssues, isFieldPath, moneyCurrency, toFormValues, toInput, type FormRow, type FormValues } from './form-values';
import { hiddenForSession, nextFieldFocus } from './form-dom';

export function DocForm({ docType, id }: { docType: string; id: string | null }) {
  const session = useApp((s) => s.session);
  if (!session) return null;
  return <DocFormBody key={`${docType}:${id ?? 'new'}`} docType={docType} id={id} />;
}

function DocFormBody({ docType, id }: { docType: string; id: string | null }) {
  const session = useApp((s) => s.session)!;
  const lang = useApp((s) => s.lang);
  const navigate = useApp((s) => s.navigate);
  const t = useT();
  const errorText = useErrorText();
  const def = useMemo(() => getDocType(docType), [docType]);
  const base = session.baseCurrency;

  const [rec, setRec] = useState<BaseRecord | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [initial, setInitial] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'cancel' | 'delete' | 'request' | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const show = (stored: BaseRecord | null) => {
    // write services return the whole record: drop what this user may not see before showing it
    const r = stored && redact(session, def, stored);
    const v = toFormValues(def, r, base);
    if (!r) for (const n of hiddenForSession(session, def)) delete v[n];
    setRec(r);
    setValues(v);
    setInitial(JSON.stringify(v));
    setIssues([]);
  };

  useEffect(() => {
    if (id === null) return show(null);
    getDoc(session, docType, id).then(show, setLoadError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, docType, id]);

  const status = rec?.status ?? (def.submittable ? 'draft' : 'active');
  // a branch of a head office: HQ's data is edited here but sent as a change request
  const hqLocked = !!session.settings.hqManaged && def.ownership === 'hq';
  const editable = rec ? (status === 'draft' || status === 'active') && session.can(docType, 'edit') : session.can(docType, 'create');
  const dirty = values !== null && JSON.stringify(values) !== initial;
  const canSubmit = def.submittable && status === 'draft' && session.can(docType, 'submit') && (rec !== null || session.can(docType, 'create'));

  const fail = (e: unknown) => {
    if (isDomainError(e)) {
      const { byPath, other } = groupIssues(e.issues, (p) => isFieldPath(def, p));
      setIssues(e.issues);
      if (byPath.size) requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-field="${[...byPath.keys()][0]}"]`)?.focus());
      if (other.length || byPath.size === 0) notifications.show({ color: 'red', message: other.length ? other.map((i) => issueMessage(lang, i)).join(' ') : errorText(e) });
    } else notifications.show({ color: 'red', message: errorText(e) });
  };

  /** Save and return the stored record (null on failure). Does not navigate. */
  const save = async (): Promise<BaseRecord | null> => {
    if (!values) return null;
    const input = toInput(def, values);
    const saved = rec ? await updateDoc(session, docType, rec.id, input, rec._rev) : await createDoc(session, docType, input);
    show(saved);
    return saved;
  };

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const onRequestChange = async (reason: string) => {
    try {
      const req = await requestChange(session, { docType, id: rec?.id, values: toInput(def, values!), reason });
      setDialog(null);
      notifications.show({ color: 'green', message: t('doc.change_requested', { number: req.number }) });
      if (rec) show(rec);
      else navigate({ name: 'list', docType });
    } catch (e) {
      fail(e);
    }
  };

  const onSave = () =>
    run(async () => {
      if (rec && !dirty) return;
      if (hqLocked) return setDialog('request');
      const saved = await save();
      if (!saved) return;
      notifications.show({ color: 'green', message: t('doc.saved', { number: saved.number }) });
      if (!rec) navigate({ name: 'form', docType, id: saved.id });
    });

  const onSubmit = () =>
    run(async () => {
      const saved = !rec || dirty ? await save() : rec;
      if (!saved) return;
      const done = await submitDoc(session, docType, saved.id);
      show(done);
      notifications.show({ color: 'green', message: t('doc.submitted', { number: done.number }) });
      if (!rec) navigate({ name: 'form', docType, id: done.id });
    });

  const onCancelDoc = async (reason: string) => {
    try {
      const done = await cancelDoc(session, docType, rec!.id, reason);
      setDialog(null);
      show(done);
      notifications.show({ color: 'orange', message: t('doc.cancelled', { number: done.number }) });
    } catch (e) {
      fail(e);
    }
  };

  const onDelete = async () => {
    try {
      await deleteDoc(session, docType, rec!.id);
      setDialog(null);
      notifications.show({ color: 'orange', message: t('doc.deleted', { number: rec!.number }) });
      navigate({ name: 'list', docType });
    } catch (e) {
      fail(e);
    }
  };

  const onAmend = () =>
    run(async () => {
      const draft = await amendDoc(session, docType, rec!.id);
      notifications.show({ color: 'green', message: t('doc.amended', { number: draft.number }) });
      navigate({ name: 'form', docType, id: draft.id });
    });

  // Ctrl+S / Ctrl+Enter anywhere on the form screen (not while a dialog is open)
  const keys = useRef({ onSave, onSubmit, editable, canSubmit, dialog });
  keys.current = { onSave, onSubmit, editable, canSubmit, dialog };
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      const k = keys.current;
      if (!(e.ctrlKey || e.metaKey) || k.dialog) return;
      if (e.key === 's' || e.key === 'S') {
        e.preventDefault();
        if (k.editable) void k.onSave();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (k.canSubmit && k.editable) void k.onSubmit();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  if (loadError) return <Alert color="red">{errorText(loadError)}</Alert>;
  if (!values)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );

  const messages = new Map<string, string[]>();
  for (const [p, list] of groupIssues(issues, (x) => isFieldPath(def, x)).byPath) messages.set(p, list.map((i) => issueMessage(lang, { code: i.code, params: i.params })));
  const set = (name: string, v: unknown) => setValues((cur) => ({ ...cur!, [name]: v }));
  const shown = def.fields.filter((f) => !f.hidden && f.name in values);

  return (
    <Box ref={rootRef} onKeyDown={(e) => nextFieldFocus(e, rootRef.current)} data-testid="doc-form" data-doctype={docType}>
      <DocFormHeader
        def={def}
        rec={rec}
        status={status}
        dirty={dirty}
        busy={busy}
        editable={editable}
        canSubmit={canSubmit && editable}
        onSave={onSave}
        hqLocked={hqLocked}
        onSubmit={onSubmit}
        onCancelDoc={() => setDialog('cancel')}
        onAmend={onAmend}
        onDelete={() => setDialog('delete')}
      />
      {hqLocked && (
        <Alert color="blue" mb="sm" data-testid="form-hq-managed">
          {t('doc.hq_managed_hint')}
        </Alert>
      )}
      {rec && !editable && (status === 'submitted' || status === 'cancelled') && (
        <Text c="dimmed" size="sm" mb="sm">
          {t('doc.read_only', { status: t(`status.${status}`) })}
        </Text>
      )}
      <Grid gap="md">
        {shown.map((f) => {
          const label = t(fieldLabelKey(def, f));
          const wide = f.type === 'table' || f.type === 'text';
          return (
            <Grid.Col key={f.name} span={wide ? 12 : { base: 12, sm: 6, lg: 4 }}>
              {f.type === 'table' ? (
                <ChildTable def={def} field={f} label={label} rows={(values[f.name] as FormRow[]) ?? []} onChange={(rows) => set(f.name, rows)} errors={messages} disabled={!editable || !!f.readOnly} currency={moneyCurrency(f, values, base)} />
              ) : (
                <FieldControl field={f} name={f.name} label={label} value={values[f.name]} onChange={(v) => set(f.name, v)} errors={messages.get(f.name)} disabled={!editable} currency={moneyCurrency(f, values, base)} />
              )}
            </Grid.Col>
          );
        })}
      </Grid>
      {rec && formPanels(docType).map((Panel, i) => <Panel key={i} docType={docType} rec={rec} />)}
      {rec && <AttachmentsPanel docType={docType} rec={rec} />}
      {editable && (
        <Text c="dimmed" size="xs" mt="md">
          {t('doc.shortcuts')}
        </Text>
      )}
      {dialog === 'cancel' && rec && <CancelDialog number={rec.number} onClose={() => setDialog(null)} onConfirm={onCancelDoc} />}
      {dialog === 'request' && <RequestChangeDialog onClose={() => setDialog(null)} onConfirm={onRequestChange} />}
      {dialog === 'delete' && rec && <DeleteDialog number={rec.number} onClose={() => setDialog(null)} onConfirm={onDelete} />}
    </Box>
  );
}

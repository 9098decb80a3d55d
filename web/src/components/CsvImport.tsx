import { useRef, useState } from 'react';
import { Alert, Button, Checkbox, Modal, Space, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type CsvRowError } from '../api/client';
import type { ImportResult } from '../api/types';
import { useErrorMessage } from './states';
import { useFormat } from '../i18n/format';

/** Import of a CSV file: dry run or real; the per-row error report is shown in the dialog. */
export function CsvImport({ path, columns, onDone, label }: { path: string; columns: string; onDone(): void; label: string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const describe = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File>();
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<{ message: string; rows?: CsvRowError[] }>();
  const input = useRef<HTMLInputElement>(null);

  const reset = () => { setFile(undefined); setResult(undefined); setError(undefined); if (input.current) input.current.value = ''; };
  const run = async () => {
    if (!file) return;
    setBusy(true); setError(undefined); setResult(undefined);
    try {
      const r = await api.postCsv<ImportResult>(path, await file.text(), { dryRun });
      setResult(r);
      if (!r.dryRun) onDone();
    } catch (e) {
      setError({ message: e instanceof ApiError && e.code === 'invalid_csv' ? e.message : describe(e), rows: e instanceof ApiError ? e.rows : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => { reset(); setOpen(true); }}>{label}</Button>
      <Modal open={open} title={label} onCancel={() => setOpen(false)} width={760} destroyOnHidden
        footer={[
          <Button key="close" onClick={() => setOpen(false)}>{t('common.close')}</Button>,
          <Button key="run" type="primary" disabled={!file} loading={busy} onClick={() => void run()} data-testid="csv-run">
            {dryRun ? t('csv.validate') : t('csv.import')}
          </Button>,
        ]}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('csv.help')} <Typography.Text code>{columns}</Typography.Text></Typography.Paragraph>
          <label htmlFor="csv-file" className="orms-label">{t('csv.file')}</label>
          <input id="csv-file" ref={input} type="file" accept=".csv,text/csv" data-testid="csv-file"
            onChange={(e) => { setFile(e.target.files?.[0]); setResult(undefined); setError(undefined); }} />
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>{t('csv.dryRun')}</Checkbox>
          {result && (
            <Alert type="success" showIcon role="status" data-testid="csv-result"
              title={result.dryRun ? t('csv.dryRunOk') : t('csv.done')}
              description={t('csv.summary', { total: number(result.total), created: number(result.created), updated: number(result.updated), unchanged: number(result.unchanged) })} />
          )}
          {error && (
            <div data-testid="csv-errors">
              <Alert type="error" showIcon role="alert" title={t('csv.failed')} description={error.message} style={{ marginBottom: 8 }} />
              {!!error.rows?.length && (
                <Table<CsvRowError> size="small" rowKey={(r) => `${r.row}:${r.field}`} dataSource={error.rows} pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('csv.row'), dataIndex: 'row', width: 80, render: (v: number) => number(v) },
                    { title: t('csv.field'), dataIndex: 'field', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                    { title: t('csv.problem'), dataIndex: 'message' },
                  ]} />
              )}
            </div>
          )}
        </Space>
      </Modal>
    </>
  );
}

/** A plain link: the browser downloads with the session cookie. */
export function CsvExport({ href, label }: { href: string; label: string }) {
  return <Button href={href} download>{label}</Button>;
}

import { useState } from 'react';
import { Alert, Button, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RISK_BANDS } from '../../../../src/domain/risk/bands.js';
import type { RiskLevel, RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import { api, ApiError } from '../../api/client';
import type { Matrix } from '../../api/riskTypes';
import { useErrorMessage } from '../../components/states';
import { textOn } from './matrix';

const MAX_POINTS = 10;
const h3 = (text: string) => <Typography.Title level={3} style={{ fontSize: 15, marginTop: 8 }}>{text}</Typography.Title>;

/**
 * A new version of a matrix, starting from `base`: scale labels, levels (label, colour, band) and
 * the level of every cell. Assessments already rated keep the version they were rated on.
 */
export function MatrixEditor({ base, onClose, onSaved }: { base: Matrix; onClose(): void; onSaved(m: Matrix): void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [name, setName] = useState(base.name);
  const [m, setM] = useState<RiskMatrix>(() => structuredClone(base.definition));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const err = (path: string) => errors[`definition.${path}`];
  const item = (path: string) => (err(path) ? { validateStatus: 'error' as const, help: err(path) } : {});

  const update = (fn: (draft: RiskMatrix) => void) => setM((prev) => { const next = structuredClone(prev); fn(next); return next; });
  const resize = (scale: 'likelihoods' | 'impacts', delta: 1 | -1) => update((d) => {
    const n = d[scale].length + delta;
    if (n < 2 || n > MAX_POINTS) return;
    if (delta > 0) d[scale].push({ value: n, label: '' }); else d[scale].pop();
    // New points take the levels of the last row or column; removed ones drop theirs.
    if (scale === 'likelihoods') {
      if (delta > 0) d.cells.push([...d.cells[d.cells.length - 1]!]); else d.cells.pop();
    } else {
      for (const row of d.cells) { if (delta > 0) row.push(row[row.length - 1]!); else row.pop(); }
    }
  });
  const addLevel = () => update((d) => { d.levels.push({ key: `level_${d.levels.length + 1}`, label: '', color: '#888888', band: 'medium' }); });
  const removeLevel = (i: number) => update((d) => {
    const [gone] = d.levels.splice(i, 1);
    const fallback = d.levels[0]?.key ?? '';
    d.cells = d.cells.map((row) => row.map((k) => (k === gone!.key ? fallback : k)));
  });
  const setLevel = (i: number, patch: Partial<RiskLevel>) => update((d) => {
    const old = d.levels[i]!;
    if (patch.key !== undefined && patch.key !== old.key) d.cells = d.cells.map((row) => row.map((k) => (k === old.key ? patch.key! : k)));
    d.levels[i] = { ...old, ...patch };
  });

  const save = async () => {
    setBusy(true); setProblem(undefined); setErrors({});
    try {
      onSaved(await api.post<Matrix>('/risk/matrices', { key: base.key, name, definition: m }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        setErrors(e.fields);
        setProblem(`${e.message}: ${Object.entries(e.fields).map(([k, v]) => `${k.replace(/^definition\./, '')} — ${v}`).join('; ')}`);
      } else setProblem(describe(e));
    } finally { setBusy(false); }
  };

  const scaleEditor = (scale: 'likelihoods' | 'impacts', title: string) => (
    <>
      {h3(title)}
      {err(scale) && <Alert type="error" title={err(scale)} style={{ marginBottom: 8 }} />}
      <Row gutter={8}>
        {m[scale].map((p, i) => (
          <Col xs={12} md={8} key={p.value}>
            <Form.Item label={`${p.value}`} htmlFor={`${scale}-${i}`} {...item(`${scale}.${i}.label`)}>
              <Input id={`${scale}-${i}`} aria-label={`${title} ${p.value}`} value={p.label} maxLength={100}
                onChange={(e) => update((d) => { d[scale][i]!.label = e.target.value; })} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Space>
        <Button size="small" icon={<PlusOutlined />} disabled={m[scale].length >= MAX_POINTS} onClick={() => resize(scale, 1)}>{t('riskMatrices.addPoint')}</Button>
        <Button size="small" disabled={m[scale].length <= 2} onClick={() => resize(scale, -1)}>{t('riskMatrices.removePoint')}</Button>
      </Space>
    </>
  );

  return (
    <Modal open title={t('riskMatrices.newVersionOf', { name: base.name, n: base.version + 1 })} onCancel={onClose} onOk={() => void save()}
      confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')} width={980} data-testid="matrix-editor" destroyOnHidden>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('riskMatrices.name')} htmlFor="matrix-name" required {...(errors.name ? { validateStatus: 'error' as const, help: errors.name } : {})}>
          <Input id="matrix-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        {scaleEditor('likelihoods', t('heatmap.likelihood'))}
        {scaleEditor('impacts', t('heatmap.impact'))}
        {h3(t('riskMatrices.levels'))}
        {m.levels.map((l, i) => (
          <Row gutter={8} key={i} align="bottom">
            <Col xs={12} md={5}><Form.Item label={t('riskMatrices.levelKey')} htmlFor={`level-key-${i}`} {...item(`levels.${i}.key`)}>
              <Input id={`level-key-${i}`} value={l.key} maxLength={50} onChange={(e) => setLevel(i, { key: e.target.value })} /></Form.Item></Col>
            <Col xs={12} md={7}><Form.Item label={t('riskMatrices.levelLabel')} htmlFor={`level-label-${i}`} {...item(`levels.${i}.label`)}>
              <Input id={`level-label-${i}`} value={l.label} maxLength={100} onChange={(e) => setLevel(i, { label: e.target.value })} /></Form.Item></Col>
            <Col xs={8} md={3}><Form.Item label={t('riskMatrices.colour')} htmlFor={`level-colour-${i}`} {...item(`levels.${i}.color`)}>
              <input id={`level-colour-${i}`} type="color" value={/^#[0-9a-f]{6}$/i.test(l.color) ? l.color : '#888888'} style={{ width: 48, height: 32, border: 0, background: 'none' }}
                onChange={(e) => setLevel(i, { color: e.target.value })} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label={t('riskMatrices.band')} htmlFor={`level-band-${i}`} {...item(`levels.${i}.band`)}>
              <Select id={`level-band-${i}`} value={l.band} onChange={(band) => setLevel(i, { band })}
                options={RISK_BANDS.map((b) => ({ value: b, label: t(`riskBands.${b}`) }))} /></Form.Item></Col>
            <Col xs={4} md={3}><Form.Item>
              <Button danger icon={<DeleteOutlined />} disabled={m.levels.length <= 1} aria-label={`${t('common.delete')} ${l.label || l.key}`} onClick={() => removeLevel(i)} />
            </Form.Item></Col>
          </Row>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={addLevel}>{t('riskMatrices.addLevel')}</Button>
        {h3(t('riskMatrices.cells'))}
        <Typography.Paragraph type="secondary">{t('riskMatrices.cellsHelp')}</Typography.Paragraph>
        <div style={{ overflowX: 'auto' }}>
          <table className="orms-matrix" data-testid="matrix-cells">
            <thead><tr><th scope="col">{t('heatmap.likelihood')} / {t('heatmap.impact')}</th>{m.impacts.map((i) => <th key={i.value} scope="col">{i.value} {i.label}</th>)}</tr></thead>
            <tbody>
              {[...m.likelihoods].reverse().map((l) => (
                <tr key={l.value}>
                  <th scope="row">{l.value} {l.label}</th>
                  {m.impacts.map((i) => {
                    const key = m.cells[l.value - 1]?.[i.value - 1];
                    const level = m.levels.find((x) => x.key === key);
                    return (
                      <td key={i.value} style={level ? { background: level.color } : undefined}>
                        <Select size="small" style={{ width: 120, color: level ? textOn(level.color) : undefined }} value={key}
                          aria-label={t('riskMatrices.cellLabel', { likelihood: l.label || l.value, impact: i.label || i.value })}
                          status={err(`cells.${l.value - 1}.${i.value - 1}`) ? 'error' : undefined}
                          onChange={(v: string) => update((d) => { d.cells[l.value - 1]![i.value - 1] = v; })}
                          options={m.levels.map((x) => ({ value: x.key, label: x.label || x.key }))} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Form>
    </Modal>
  );
}

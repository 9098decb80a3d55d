import { Col, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REVIEW_TRIGGERS } from '../../../../src/domain/plans/catalog.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect, PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';
import { usePlanTemplates, usePlanTypes, type Activation, type Plan, type ReviewTriggerRecord } from './api';
import { EntityMultiSelect, RemoteMultiSelect } from './pickers';
import { useAreaRights } from './rights';
import { todayIso } from './format';

interface PlanValues {
  title: string; planTypeId: string; templateId: string | null; entityId: string | null; locationId: string | null; participantEntityIds: string[];
  ownerPersonId: string | null; approverPersonId: string | null; activationCriteria: string; reviewDue: string | null;
  riskIds: string[]; processIds: string[]; teamIds: string[]; contactPersonIds: string[];
}
const CREATE_FIELDS = ['title', 'planTypeId', 'templateId', 'entityId', 'locationId', 'participantEntityIds', 'ownerPersonId', 'approverPersonId', 'activationCriteria', 'reviewDue'];
const EDIT_FIELDS = [...CREATE_FIELDS.filter((f) => f !== 'planTypeId' && f !== 'templateId'), 'riskIds', 'processIds', 'teamIds', 'contactPersonIds'];
const notPast = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') < todayIso();

/** The template picker follows the chosen plan type: that type's templates, then the ORMS standard one. */
function TemplateField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const typeId = Form.useWatch('planTypeId', form) as string | undefined;
  const templates = usePlanTemplates();
  const options = (templates.data ?? []).filter((x) => x.planTypeId === null || x.planTypeId === typeId)
    .sort((a, b) => Number(a.planTypeId === null) - Number(b.planTypeId === null))
    .map((x) => ({ value: x.id, label: x.planTypeId ? x.name : t('plans.ormsTemplate') }));
  return (
    <Form.Item name="templateId" label={t('plans.template')} extra={t('plans.templateHelp')}>
      <Select allowClear loading={templates.isLoading} placeholder={t('plans.templateDefault')} options={options} />
    </Form.Item>
  );
}

function PlaceFields() {
  const { t } = useTranslation();
  return (
    <>
      <Col xs={24} md={12}><Form.Item name="entityId" label={t('plans.entity')} extra={t('plans.entityHelp')}><EntitySelect /></Form.Item></Col>
      <Col xs={24} md={12}><Form.Item name="locationId" label={t('plans.dutyStation')}><LocationSelect kind="duty_station" /></Form.Item></Col>
      <Col span={24}>
        <Form.Item name="participantEntityIds" label={t('plans.participants')} extra={t('plans.participantsHelp')}>
          <EntityMultiSelect placeholder={t('plans.participantsPlaceholder')} />
        </Form.Item>
      </Col>
    </>
  );
}

function PeopleFields() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <>
      <Col xs={24} md={12}><Form.Item name="ownerPersonId" label={t('plans.owner')} rules={required}><PersonSelect /></Form.Item></Col>
      <Col xs={24} md={12}><Form.Item name="approverPersonId" label={t('plans.approver')} extra={t('plans.approverHelp')}><PersonSelect /></Form.Item></Col>
      <Col span={24}><Form.Item name="activationCriteria" label={t('plans.activationCriteria')} extra={t('plans.activationCriteriaHelp')}><Input.TextArea rows={2} maxLength={10_000} /></Form.Item></Col>
      <Col xs={24} md={12}>
        <Form.Item name="reviewDue" label={t('plans.reviewDue')} extra={t('plans.reviewDueHelp')}><DayPicker style={{ width: '100%' }} disabledDate={notPast} /></Form.Item>
      </Col>
    </>
  );
}

export function CreatePlanForm({ onClose, onCreated }: { onClose(): void; onCreated(p: Plan): void }) {
  const { t } = useTranslation();
  const types = usePlanTypes();
  const { personId } = useAreaRights();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<PlanValues> open onClose={onClose} width={800} testId="plan-form" fields={CREATE_FIELDS} title={t('plans.create')} okText={t('plans.createOk')}
      initialValues={{ ownerPersonId: personId, participantEntityIds: [], activationCriteria: '', entityId: null, locationId: null, approverPersonId: null, reviewDue: null, templateId: null }}
      onSubmit={async (v) => onCreated(await api.post<Plan>('/plans', v))}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="title" label={t('plans.title')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="planTypeId" label={t('plans.type')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={types.isLoading}
              options={(types.data ?? []).map((x) => ({ value: x.id, label: t(`planTypeNames.${x.key}`, { defaultValue: x.name }) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><TemplateField /></Col>
        <PlaceFields />
        <PeopleFields />
      </Row>
    </FormModal>
  );
}

export function EditPlanForm({ plan, onClose, onSaved }: { plan: Plan; onClose(): void; onSaved(p: Plan): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<PlanValues> open onClose={onClose} width={800} testId="plan-edit-form" fields={EDIT_FIELDS} title={t('plans.editDetails')}
      initialValues={plan}
      onSubmit={async (v) => {
        // An unchanged review date may lie in the past (an overdue plan); only a new one is checked.
        const body: Partial<PlanValues> = { ...v };
        if (v.reviewDue === plan.reviewDue) delete body.reviewDue;
        onSaved(await api.patch<Plan>(`/plans/${plan.id}`, body));
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="title" label={t('plans.title')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <PlaceFields />
        <PeopleFields />
        <Col span={24}><Form.Item name="riskIds" label={t('plans.risks')} extra={t('plans.risksHelp')}><RemoteMultiSelect source="risk" placeholder={t('plans.searchRisks')} /></Form.Item></Col>
        <Col span={24}><Form.Item name="processIds" label={t('plans.processes')}><RemoteMultiSelect source="process" placeholder={t('plans.searchProcesses')} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="teamIds" label={t('plans.teams')}><RemoteMultiSelect source="team" placeholder={t('plans.searchTeams')} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="contactPersonIds" label={t('plans.contacts')}><RemoteMultiSelect source="person" placeholder={t('pickers.person')} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}

export function TriggerForm({ plan, onClose, onSaved }: { plan: Plan; onClose(): void; onSaved(t: ReviewTriggerRecord): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ trigger: string; note: string }> open onClose={onClose} testId="trigger-form" fields={['trigger', 'note']} title={t('planReview.flag')}
      okText={t('planReview.flagOk')} initialValues={{ note: '' }}
      onSubmit={async (v) => onSaved(await api.post<ReviewTriggerRecord>(`/plans/${plan.id}/review-triggers`, v))}>
      <Form.Item name="trigger" label={t('planReview.trigger')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={REVIEW_TRIGGERS.filter((x) => x !== 'scheduled').map((x) => ({ value: x, label: t(`planReviewTriggers.${x}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('planReview.note')} extra={t('planReview.noteHelp')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
    </FormModal>
  );
}

export function ActivateForm({ plan, onClose, onSaved }: { plan: Plan; onClose(): void; onSaved(a: Activation): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ reason: string }> open onClose={onClose} testId="activate-form" fields={['reason']} title={t('planActivation.activate')} okText={t('planActivation.activateOk')}
      onSubmit={async (v) => onSaved(await api.post<Activation>(`/plans/${plan.id}/activations`, v))}>
      <Form.Item name="reason" label={t('planActivation.reason')} extra={t('planActivation.reasonHelp')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}

import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A date picker whose value is an ISO day ("2026-05-31") or null, as the API sends and takes. */
export function DayPicker({ value, onChange, ...rest }: Omit<DatePickerProps, 'value' | 'onChange'> & { value?: string | null; onChange?(v: string | null): void }) {
  return <DatePicker {...rest} value={value ? dayjs(value) : null} onChange={(d) => { const day = d as Dayjs | null; onChange?.(day ? day.format('YYYY-MM-DD') : null); }} />;
}

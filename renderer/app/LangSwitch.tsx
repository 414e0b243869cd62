/** English / 简体中文 switch (SegmentedControl with values 'en' and 'zh-CN'). */
import { SegmentedControl } from '@mantine/core';
import type { Lang } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';

export function LangSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const setLang = useApp((s) => s.setLang);
  return (
    <SegmentedControl
      data-testid="lang-switch"
      size={size}
      value={lang}
      onChange={(v) => setLang(v as Lang)}
      data={[
        { value: 'en', label: t('lang.en') },
        { value: 'zh-CN', label: t('lang.zh-CN') },
      ]}
    />
  );
}

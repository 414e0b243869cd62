/** Built-in roles show their translated name (`role.<builtin>`), custom roles their own name. */
import type { Role } from '../../shared/api';

export function roleLabel(r: Pick<Role, 'name' | 'builtin'>, t: (k: string) => string): string {
  return r.builtin ? t(`role.${r.builtin}`) : r.name;
}

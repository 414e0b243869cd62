/** Attachments: errors and UI strings, English and Simplified Chinese. */
import { registerMessages } from './index';

export const en = {
  'error.attachment_too_large': '“{name}” is too large: files may be at most {max} bytes.',
  'error.attachment_empty': '“{name}” is empty.',
  'error.attachment_name': '“{name}” is not a valid file name (no folders, slashes or control characters).',
  'error.attachment_not_found': 'This attachment no longer exists.',
  'attachments.title': 'Attachments',
  'attachments.add': 'Attach file',
  'attachments.none': 'No attachments yet.',
  'attachments.name': 'File',
  'attachments.size': 'Size',
  'attachments.date': 'Added',
  'attachments.by': 'By',
  'attachments.download': 'Download',
  'attachments.remove': 'Remove',
  'attachments.remove_confirm': 'Remove the attachment “{name}”?',
  'attachments.added': 'Attached “{name}”.',
  'attachments.removed': 'Removed “{name}”.',
  'attachments.usage': 'Attachments: {count} files, {size} in total.',
  'attachments.limit': 'Largest file that can be attached: {size}.',
};

export const zh: Record<keyof typeof en, string> = {
  'error.attachment_too_large': '“{name}”太大：单个文件最多 {max} 字节。',
  'error.attachment_empty': '“{name}”是空文件。',
  'error.attachment_name': '“{name}”不是有效的文件名（不能包含文件夹、斜杠或控制字符）。',
  'error.attachment_not_found': '该附件已不存在。',
  'attachments.title': '附件',
  'attachments.add': '添加附件',
  'attachments.none': '暂无附件。',
  'attachments.name': '文件',
  'attachments.size': '大小',
  'attachments.date': '添加时间',
  'attachments.by': '添加人',
  'attachments.download': '下载',
  'attachments.remove': '删除',
  'attachments.remove_confirm': '删除附件“{name}”？',
  'attachments.added': '已添加附件“{name}”。',
  'attachments.removed': '已删除附件“{name}”。',
  'attachments.usage': '附件：共 {count} 个文件，合计 {size}。',
  'attachments.limit': '单个附件最大：{size}。',
};

registerMessages('attachments', en, zh);

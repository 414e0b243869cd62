/** People module pages: payroll, printable payslip, roster grid, task board, leave approvals. */
import { registerPage } from '../pages/registry';
import { PayrollPage } from './PayrollPage';
import { PayslipPage } from './PayslipPage';
import { RosterPage } from './RosterPage';
import { KanbanPage } from './KanbanPage';
import { LeaveApprovalsPage } from './LeaveApprovalsPage';

registerPage({ id: 'people.payroll', module: 'people', labelKey: 'people.page.payroll', right: ['PayrollRun', 'read'], component: PayrollPage, order: 10 });
registerPage({ id: 'people.payslip', module: 'people', labelKey: 'people.page.payslip', right: ['Payslip', 'read'], component: PayslipPage, hidden: true });
registerPage({ id: 'people.roster', module: 'people', labelKey: 'people.page.roster', right: ['ShiftAssignment', 'read'], component: RosterPage, order: 20 });
registerPage({ id: 'people.kanban', module: 'people', labelKey: 'people.page.kanban', right: ['Task', 'read'], component: KanbanPage, order: 30 });
registerPage({ id: 'people.leave', module: 'people', labelKey: 'people.page.leave', right: ['LeaveRequest', 'read'], component: LeaveApprovalsPage, order: 40 });

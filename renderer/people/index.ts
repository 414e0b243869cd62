/**
 * People module pages: payroll, printable payslip, roster grid, task board, leave approvals
 * (HR), and the self-service pages any login linked to an employee uses (request leave; a
 * manager's team approvals), offered to roles with 'read' on the pseudo type PeopleSelfService.
 */
import { registerPage } from '../pages/registry';
import { SELF_SERVICE } from '../../shared/people/index';
import { PayrollPage } from './PayrollPage';
import { PayslipPage } from './PayslipPage';
import { RosterPage } from './RosterPage';
import { KanbanPage } from './KanbanPage';
import { LeaveApprovalsPage, TeamLeavePage } from './LeaveApprovalsPage';
import { MyLeavePage } from './MyLeavePage';

registerPage({ id: 'people.payroll', module: 'people', labelKey: 'people.page.payroll', right: ['PayrollRun', 'read'], component: PayrollPage, order: 10 });
registerPage({ id: 'people.payslip', module: 'people', labelKey: 'people.page.payslip', right: ['Payslip', 'read'], component: PayslipPage, hidden: true });
registerPage({ id: 'people.roster', module: 'people', labelKey: 'people.page.roster', right: ['ShiftAssignment', 'read'], component: RosterPage, order: 20 });
registerPage({ id: 'people.kanban', module: 'people', labelKey: 'people.page.kanban', right: ['Task', 'read'], component: KanbanPage, order: 30 });
registerPage({ id: 'people.leave', module: 'people', labelKey: 'people.page.leave', right: ['LeaveRequest', 'read'], component: LeaveApprovalsPage, order: 40 });
registerPage({ id: 'people.my-leave', module: 'people', labelKey: 'people.page.my_leave', right: [SELF_SERVICE, 'read'], component: MyLeavePage, order: 50 });
registerPage({ id: 'people.team-leave', module: 'people', labelKey: 'people.page.team_leave', right: [SELF_SERVICE, 'read'], component: TeamLeavePage, order: 60 });

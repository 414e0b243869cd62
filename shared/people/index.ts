/**
 * People module: organisation, payroll (China cumulative IIT, social insurance, one GL posting
 * per run), leave, shifts and attendance, projects and timesheets. Registers its document types
 * and company hooks when imported (shared/modules.ts); the service API is re-exported here.
 * See docs/people.md.
 */
import { registerDocType, registerModule } from '../kernel/registry';
import { registerCompanyHook } from '../kernel/hooks';
import './people.messages';
import {
  Department, Employee, EmploymentChange, SalaryComponent, SalaryStructure, SalaryStructureAssignment, SocialInsurancePolicy,
  TaxRuleSet, PayrollRun, Payslip, LeaveType, LeaveAllocation, HolidayCalendar, LeaveRequest, ShiftType, ShiftAssignment,
  Attendance, Project, Task, Timesheet,
} from './people.doctypes';
import { employeeBehaviour, departmentBehaviour, employmentChangeBehaviour, attendanceBehaviour, shiftTypeBehaviour, timesheetBehaviour } from './people.behaviour';
import { payrollRunBehaviour, payslipBehaviour } from './payroll.service';
import { leaveRequestBehaviour } from './leave.service';
import { installPeople, PEOPLE_SETUP_TABLES } from './people.setup';
import { seedPeopleDemo } from './people.demo';

registerModule({ id: 'people', order: 60, icon: 'people' });
/** Rights module of private personal and pay data (field flag `sensitive: 'hr-private'`); no screens of its own. */
registerModule({ id: 'hr-private', order: 61, icon: 'lock' });

registerDocType(Department, departmentBehaviour);
registerDocType(Employee, employeeBehaviour);
registerDocType(EmploymentChange, employmentChangeBehaviour);
registerDocType(SalaryComponent);
registerDocType(SalaryStructure);
registerDocType(SalaryStructureAssignment);
registerDocType(SocialInsurancePolicy);
registerDocType(TaxRuleSet);
registerDocType(PayrollRun, payrollRunBehaviour);
registerDocType(Payslip, payslipBehaviour);
registerDocType(LeaveType);
registerDocType(LeaveAllocation);
registerDocType(HolidayCalendar);
registerDocType(LeaveRequest, leaveRequestBehaviour);
registerDocType(ShiftType, shiftTypeBehaviour);
registerDocType(ShiftAssignment);
registerDocType(Attendance, attendanceBehaviour);
registerDocType(Project);
registerDocType(Task);
registerDocType(Timesheet, timesheetBehaviour);

registerCompanyHook({
  module: 'people',
  order: 30,
  tables: PEOPLE_SETUP_TABLES,
  async onCreate(ctx, opts) {
    await installPeople(ctx, opts);
  },
  seedDemo: seedPeopleDemo,
});

export * from './people.doctypes';
export * from './cn-iit';
export * from './social-insurance';
export * from './payroll.engine';
export * from './people.calendar';
export * from './payroll.service';
export * from './leave.service';
export * from './roster.service';
export * from './projects.service';
export * from './self-service.service';
export { canSeePrivate, type Notification } from './people.context';

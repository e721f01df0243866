// The roles that prepare or receive periodic reports (reporting/permissions.h): the menu shows
// "Báo cáo" to them.
export const reportingRoles = ['clerk', 'specialist', 'leader', 'unit_admin'];

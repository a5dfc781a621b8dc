export { BulkRolesButton } from './BulkRolesButton';
export { RoleEditor } from './RoleEditor';
export { canBulkEditRoles, canEditRoles } from './staging';

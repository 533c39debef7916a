export { permissions, builtinRoles, isPermission, type Permission, type RoutePermission, type RoleKey } from "./catalogue.js";
export { syncBuiltinRoles, permissionsOf, permissionsOfRoles, rolesOfUsers, listRoles, listPermissions, grantRole, assignRole, revokeRole, can, assertOwnMerchant } from "./service.js";

import type { ClusterCommand } from '../../cluster/port';
import { assertNever } from '../../shared/assert-never';
import type { ApplyResult, MscsCluster } from './mscs-cluster';

/** Maps one port command (what cluster.exe and the lab adapter carry) onto the model's operation of that name. */
export function applyClusterCommand(cluster: MscsCluster, command: ClusterCommand): ApplyResult {
    switch (command.kind) {
      case 'group-create':
        cluster.createGroup(command.group);
        return {};
      case 'group-set-description':
        cluster.setGroupDescription(command.group, command.description);
        return {};
      case 'group-online':
        cluster.onlineGroup(command.group, command.node);
        return {};
      case 'group-offline':
        cluster.offlineGroup(command.group);
        return {};
      case 'group-move':
        cluster.moveGroup(command.group, command.node);
        return {};
      case 'group-set-owners':
        cluster.setGroupPreferredOwners(command.group, command.nodes);
        return {};
      case 'group-delete':
        cluster.deleteGroup(command.group);
        return {};
      case 'resource-create':
        cluster.createResource(command.resource, command.group, command.type);
        return {};
      case 'resource-set-description':
        cluster.setResourceDescription(command.resource, command.description);
        return {};
      case 'resource-set-private':
        return cluster.setPrivateProperties(command.resource, command.properties);
      case 'resource-add-dependency':
        cluster.addDependency(command.resource, command.dependsOn);
        return {};
      case 'resource-remove-dependency':
        cluster.removeDependency(command.resource, command.dependsOn);
        return {};
      case 'resource-add-owner':
        cluster.addPossibleOwner(command.resource, command.node);
        return {};
      case 'resource-remove-owner':
        cluster.removePossibleOwner(command.resource, command.node);
        return {};
      case 'resource-online':
        cluster.onlineResource(command.resource);
        return {};
      case 'resource-offline':
        cluster.offlineResource(command.resource);
        return {};
      case 'resource-delete':
        cluster.deleteResource(command.resource);
        return {};
      default:
        return assertNever(command, 'cluster command');
    }
}

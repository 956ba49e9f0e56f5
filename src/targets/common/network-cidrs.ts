/**
 * Address plan shared by the AWS targets' network and their NetworkPolicies. A /16 leaves room
 * for /20 subnets per zone (4,091 addresses each; the VPC CNI gives every pod a VPC address).
 * Private range from RFC 1918.
 */
export const AWS_VPC_CIDR = '10.0.0.0/16';

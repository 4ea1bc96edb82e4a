-- Roles for the Sovereign Gateway audit log on PostgreSQL.
--
-- Run as the owner of the audit tables, in the audit database, after the schema exists
-- (`sovgw audit migrate --database postgresql://owner@host/db`):
--
--   psql "postgresql://owner@host/db" -v ON_ERROR_STOP=1 -f audit/sql/postgres_roles.sql
--
-- Then give the gateway a login role that is a member of sovgw_audit_writer, and auditors one
-- in sovgw_audit_reader:
--
--   CREATE ROLE gateway LOGIN PASSWORD '...' IN ROLE sovgw_audit_writer;
--   CREATE ROLE auditor LOGIN PASSWORD '...' IN ROLE sovgw_audit_reader;
--
-- The writer may INSERT and SELECT, never UPDATE, DELETE or TRUNCATE; it needs no DDL rights, since
-- start-up migrations are a no-op on an up-to-date schema. The append-only triggers the migration
-- installs stop UPDATE and DELETE for every role, the owner included, unless someone with the
-- rights to drop them does so first: keep the owner role's credentials away from the gateway.
-- Every record is committed with synchronous_commit=on (the gateway sets it per connection).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sovgw_audit_writer') THEN
        CREATE ROLE sovgw_audit_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sovgw_audit_reader') THEN
        CREATE ROLE sovgw_audit_reader NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON audit_records, audit_tree_nodes, audit_tree_heads, audit_checkpoints, audit_schema_version
    FROM PUBLIC, sovgw_audit_writer, sovgw_audit_reader;
REVOKE ALL ON SEQUENCE audit_checkpoints_id_seq FROM PUBLIC, sovgw_audit_writer, sovgw_audit_reader;

GRANT USAGE ON SCHEMA public TO sovgw_audit_writer, sovgw_audit_reader;

-- The writer: append records, tree nodes, tree heads and checkpoints; read them to continue the tree.
GRANT SELECT, INSERT ON audit_records, audit_tree_nodes, audit_tree_heads, audit_checkpoints
    TO sovgw_audit_writer;
GRANT SELECT ON audit_schema_version TO sovgw_audit_writer;
GRANT USAGE ON SEQUENCE audit_checkpoints_id_seq TO sovgw_audit_writer;

-- The reader: queries, exports and `sovgw audit verify`.
GRANT SELECT ON audit_records, audit_tree_nodes, audit_tree_heads, audit_checkpoints, audit_schema_version
    TO sovgw_audit_reader;

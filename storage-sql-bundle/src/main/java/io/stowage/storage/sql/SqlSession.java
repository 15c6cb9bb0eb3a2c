package io.stowage.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection with its prepared statements, kept for its life so that no statement is parsed twice. Used by one
 * thread at a time: the writer's under the writer lock, a reader's while it is taken from the pool.
 */
final class SqlSession implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqlSession(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** The statement of this SQL text, prepared on first use; its parameters are cleared. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Closes every statement, then the connection; a failure of one does not keep the others open. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}

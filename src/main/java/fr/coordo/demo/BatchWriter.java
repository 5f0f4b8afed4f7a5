package fr.coordo.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;

/**
 * Many rows through one prepared statement, sent every {@value #SIZE} rows. jOOQ renders the statement from
 * the generated tables; the values are bound by JDBC directly, since binding them through jOOQ cost more than
 * SQLite's own work for the large demo (several seconds for its 300 000 rows).
 */
final class BatchWriter implements AutoCloseable {
    private static final int SIZE = 1_000;

    private final ConnectionProvider provider;
    private final Connection connection;
    private final PreparedStatement statement;
    private int pending;

    /** {@code query} gives the SQL and the order of the values; its own values are ignored. */
    BatchWriter(DSLContext dsl, Query query) {
        provider = dsl.configuration().connectionProvider();
        connection = provider.acquire();
        try {
            statement = connection.prepareStatement(query.getSQL(ParamType.INDEXED));
        } catch (SQLException e) {
            provider.release(connection);
            throw new DataAccessException("cannot prepare " + query.getSQL(), e);
        }
    }

    void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending >= SIZE) {
                flush();
            }
        } catch (SQLException e) {
            throw new DataAccessException("batch insert failed", e);
        }
    }

    void flush() {
        if (pending == 0) {
            return;
        }
        try {
            statement.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new DataAccessException("batch insert failed", e);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                statement.close();
            } catch (SQLException e) {
                throw new DataAccessException("cannot close the batch statement", e);
            } finally {
                provider.release(connection);
            }
        }
    }
}

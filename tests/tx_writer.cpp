// A transactional writer for tst_transactions, as an exactly-once application leaves a topic when
// it is killed mid-write. Writes to both partitions of TOPIC:
//   1. producer A commits 10 records a partition;
//   2. producer A aborts 3 records a partition;
//   3. producer B opens a transaction with 4 records a partition, flushed, never ended;
//   4. producer A commits 5 more records a partition (behind B's open transaction);
// then prints "open" and waits to be killed (SIGKILL: B's transaction stays open on the broker
// until its 5-minute timeout).
//   tx_writer BOOTSTRAP TOPIC
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

namespace {

[[noreturn]] void die(const char* what, const char* detail)
{
    std::fprintf(stderr, "tx_writer: %s: %s\n", what, detail);
    std::exit(1);
}

void check(rd_kafka_error_t* e, const char* what)
{
    if (!e) return;
    const std::string msg = rd_kafka_error_string(e);
    rd_kafka_error_destroy(e);
    die(what, msg.c_str());
}

rd_kafka_t* producer(const char* bootstrap, const std::string& id)
{
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    const std::pair<const char*, std::string> settings[] = {{"bootstrap.servers", bootstrap},
                                                            {"transactional.id", id},
                                                            {"transaction.timeout.ms", "300000"},
                                                            {"enable.idempotence", "true"},
                                                            {"linger.ms", "0"}};
    for (const auto& [k, v] : settings)
        if (rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) die(k, err);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) die("producer", err);
    check(rd_kafka_init_transactions(rk, 30000), "init_transactions");
    return rk;
}

void send(rd_kafka_t* rk, const char* topic, int n, const char* tag)
{
    for (int partition = 0; partition < 2; ++partition)
        for (int i = 0; i < n; ++i) {
            const std::string value =
                std::string(tag) + "-" + std::to_string(partition) + "-" + std::to_string(i);
            const std::string key = "k" + std::to_string(i);
            const rd_kafka_resp_err_t e = rd_kafka_producev(
                rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key.data(), key.size()),
                RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()), RD_KAFKA_V_END);
            if (e) die("produce", rd_kafka_err2str(e));
        }
    if (rd_kafka_flush(rk, 30000)) die("flush", "timed out");
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) die("usage", "tx_writer BOOTSTRAP TOPIC");
    const char* bootstrap = argv[1];
    const char* topic = argv[2];
    rd_kafka_t* a = producer(bootstrap, std::string("tx-a-") + topic);
    rd_kafka_t* b = producer(bootstrap, std::string("tx-b-") + topic);

    check(rd_kafka_begin_transaction(a), "begin 1");
    send(a, topic, 10, "committed");
    check(rd_kafka_commit_transaction(a, 30000), "commit 1");

    check(rd_kafka_begin_transaction(a), "begin 2");
    send(a, topic, 3, "aborted");
    check(rd_kafka_abort_transaction(a, 30000), "abort 2");

    check(rd_kafka_begin_transaction(b), "begin open");
    send(b, topic, 4, "open");

    check(rd_kafka_begin_transaction(a), "begin 3");
    send(a, topic, 5, "after");
    check(rd_kafka_commit_transaction(a, 30000), "commit 3");

    std::printf("open\n");
    std::fflush(stdout);
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(60)); // killed here
}

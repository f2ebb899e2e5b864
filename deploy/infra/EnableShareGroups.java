import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;

/**
 * Turns share groups on (feature share.version=1) on a running broker whose storage was formatted without them.
 * Run by deploy/infra/kafka as a single-file program: java -cp '.geopera/kafka/libs/*' EnableShareGroups.java HOST:PORT
 */
public class EnableShareGroups {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            admin.updateFeatures(Map.of("share.version", new FeatureUpdate((short) 1,
                    FeatureUpdate.UpgradeType.UPGRADE)), new UpdateFeaturesOptions()).all().get(60, TimeUnit.SECONDS);
        }
        System.out.println("share.version=1 on " + args[0]);
    }
}

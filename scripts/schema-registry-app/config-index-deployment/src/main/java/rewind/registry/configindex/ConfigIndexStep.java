package rewind.registry.configindex;

import apicurio.common.app.components.config.index.DynamicPropertiesInfoRecorder;
import io.apicurio.common.apps.config.Dynamic;
import io.apicurio.common.apps.config.DynamicConfigPropertyDef;
import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;

/**
 * The registry's runtime-editable settings: every injected field that carries both
 * {@code @ConfigProperty} and {@code @Dynamic} becomes one entry of the
 * {@link DynamicConfigPropertyList} bean the registry looks its dynamic settings up in.
 */
class ConfigIndexStep {
    private static final DotName CONFIG_PROPERTY = DotName.createSimple(ConfigProperty.class.getName());
    private static final DotName DYNAMIC = DotName.createSimple(Dynamic.class.getName());

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void dynamicProperties(DynamicPropertiesInfoRecorder recorder, BeanDiscoveryFinishedBuildItem discovery,
                           BuildProducer<SyntheticBeanBuildItem> beans) throws ClassNotFoundException {
        List<DynamicConfigPropertyDef> defs = new ArrayList<>();
        for (InjectionPointInfo point : discovery.getInjectionPoints()) {
            AnnotationInstance config = point.getRequiredQualifier(CONFIG_PROPERTY);
            if (config == null || !point.isField() || point.getTarget().asField().annotation(DYNAMIC) == null) {
                continue;
            }
            // The field is a Supplier<T>: T is the property's type.
            String typeName = point.getRequiredType().asParameterizedType().arguments().get(0).name().toString();
            String name = config.value("name").asString();
            AnnotationValue fallback = config.value("defaultValue");
            if (fallback == null) {
                throw new IllegalStateException("dynamic setting '" + name + "' has no default value");
            }
            DynamicConfigPropertyDef def = new DynamicConfigPropertyDef(name, Class.forName(typeName), fallback.asString());
            AnnotationInstance dynamic = point.getTarget().asField().annotation(DYNAMIC);
            if (dynamic.value("label") != null) def.setLabel(dynamic.value("label").asString());
            if (dynamic.value("description") != null) def.setDescription(dynamic.value("description").asString());
            if (dynamic.value("requires") != null) def.setRequires(dynamic.value("requires").asStringArray());
            defs.add(def);
        }
        beans.produce(SyntheticBeanBuildItem.configure(DynamicConfigPropertyList.class)
                .runtimeValue(recorder.initializePropertiesInfo(defs))
                .unremovable()
                .setRuntimeInit()
                .done());
    }
}

package io.agentq.infra.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.agentq.core.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The trainable scorer s_theta(h, a): a small multilayer perceptron (DJL, PyTorch engine) from a
 * candidate's frozen feature row to one score. The policy is the log-softmax of the scores over the
 * page's candidates. Its weights are stored behind a header that names the architecture, so that
 * weights of another architecture are refused with a clear error instead of loading wrong.
 */
public final class PolicyNetwork implements AutoCloseable {
  private static final String MAGIC = "agentq-policy-weights/1";

  /**
   * @param layout the feature layout's name ({@link PolicyFeatures#layout()})
   * @param width the feature row's width
   * @param hidden units of each hidden layer (ReLU), before the one-unit output
   */
  public record Architecture(String layout, int width, List<Integer> hidden) {
    public Architecture {
      hidden = List.copyOf(hidden);
    }

    public static Architecture of(PolicyFeatures features, List<Integer> hidden) {
      return new Architecture(features.layout(), features.width(), hidden);
    }

    public String describe() {
      return "mlp("
          + width
          + "->"
          + hidden.stream().map(String::valueOf).collect(Collectors.joining("->"))
          + "->1) over "
          + layout;
    }
  }

  private final Architecture architecture;
  private final Model model;

  private PolicyNetwork(Architecture architecture) {
    this.architecture = architecture;
    SequentialBlock block = new SequentialBlock();
    for (int units : architecture.hidden()) {
      block.add(Linear.builder().setUnits(units).build()).add(Activation::relu);
    }
    block.add(Linear.builder().setUnits(1).build());
    this.model = Model.newInstance("agentq-policy", Device.cpu(), "PyTorch");
    model.setBlock(block);
  }

  /** Fresh weights, drawn from the engine's generator seeded with {@code seed}. */
  public static PolicyNetwork initialised(Architecture architecture, long seed) {
    DjlEngine.configure();
    PolicyNetwork n = new PolicyNetwork(architecture);
    synchronized (PolicyNetwork.class) { // the engine's generator is global
      Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
      n.model
          .getBlock()
          .initialize(n.model.getNDManager(), DataType.FLOAT32, new Shape(1, architecture.width()));
    }
    return n;
  }

  /**
   * Weights written by {@link #write()}, refused unless they were made for {@code expected}'s
   * feature layout and width.
   *
   * @param source names the weights in errors (a store key)
   */
  public static PolicyNetwork read(byte[] bytes, Architecture expected, String source) {
    DjlEngine.configure();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String magic = in.readUTF();
      if (!magic.equals(MAGIC)) {
        throw new InputException(source + ": not agentq policy weights (header '" + magic + "')");
      }
      Architecture stored = new Architecture(in.readUTF(), in.readInt(), readHidden(in.readUTF()));
      if (!stored.layout().equals(expected.layout()) || stored.width() != expected.width()) {
        throw new InputException(
            source
                + ": weights of another architecture: "
                + stored.describe()
                + ", but this build reads "
                + expected.describe()
                + ". Train a new version, or use the build that made these weights.");
      }
      PolicyNetwork n = new PolicyNetwork(stored);
      n.model.getBlock().loadParameters(n.model.getNDManager(), in);
      return n;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      if (e instanceof InputException bad) {
        throw bad;
      }
      throw new InputException(source + ": unreadable policy weights: " + e.getMessage());
    }
  }

  /**
   * The feature layout named in the header of weights written by {@link #write()}, so that a store
   * holding weights of several layouts reads each with its own features.
   *
   * @param source names the weights in errors (a store key)
   */
  public static String layoutOf(byte[] bytes, String source) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String magic = in.readUTF();
      if (!magic.equals(MAGIC)) {
        throw new InputException(source + ": not agentq policy weights (header '" + magic + "')");
      }
      return in.readUTF();
    } catch (IOException e) {
      throw new InputException(source + ": unreadable policy weights: " + e.getMessage());
    }
  }

  private static List<Integer> readHidden(String text) {
    return text.isEmpty()
        ? List.of()
        : Arrays.stream(text.split(",")).map(Integer::parseInt).toList();
  }

  public byte[] write() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(MAGIC);
      out.writeUTF(architecture.layout());
      out.writeInt(architecture.width());
      out.writeUTF(
          architecture.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")));
      model.getBlock().saveParameters(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing policy weights to memory failed", e);
    }
  }

  public Architecture architecture() {
    return architecture;
  }

  public Model model() {
    return model;
  }

  /** Scores of a batch of candidate rows, shape (..., candidates, width) to (..., candidates). */
  public NDArray scores(ParameterStore parameters, NDArray rows, boolean training) {
    NDArray out =
        model.getBlock().forward(parameters, new NDList(rows), training).singletonOrThrow();
    return out.squeeze(-1);
  }

  /** The scores of one page's candidates (inference). */
  public double[] scores(float[][] rows) {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray x = m.create(rows);
      float[] s = scores(new ParameterStore(m, false), x, false).toFloatArray();
      double[] out = new double[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = s[i];
      }
      return out;
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
